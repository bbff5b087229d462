/* router.c: matches a path against the routing table's patterns. A pattern segment
 * "{name}" matches one non-empty path segment; its text goes to r->params in order. */
#include <string.h>

#include "http/http.h"

/* Matches path against pattern; on success copies params into r. */
static int match(const char *pattern, const char *path, struct req *r)
{
	char *out = r->param_buf, *end = r->param_buf + sizeof(r->param_buf);
	int np = 0;

	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *seg_end = strchr(path, '/');
			size_t n = seg_end ? (size_t)(seg_end - path) : strlen(path);

			if (n == 0 || np == HTTP_MAX_PARAMS || (size_t)(end - out) <= n)
				return 0;
			memcpy(out, path, n);
			out[n] = '\0';
			r->params[np++] = out;
			out += n + 1;
			path += n;
			pattern = strchr(pattern, '}');
			if (!pattern)
				return 0;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *http_route_match(const char *method, const char *path, struct req *r,
				     int *path_known)
{
	const struct route *rt;

	*path_known = 0;
	for (rt = http_routes; rt->method; rt++) {
		if (!match(rt->pattern, path, r))
			continue;
		if (strcmp(rt->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
			return rt;
		*path_known = 1;
	}
	memset(r->params, 0, sizeof(r->params));
	return NULL;
}
