/* zhifa routes, zhifa schema: the routing table and the record schemas as the code
 * has them, printed so that the OpenAPI document can be checked against them. */
#include <stdio.h>
#include <string.h>

#include "api/records.h"
#include "cli/cli.h"
#include "domain/auth.h"
#include "http/http.h"

int cmd_routes(int argc, char **argv)
{
	const struct route *rt;

	if (argc > 1) {
		int help = strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0;

		fputs("usage: zhifa routes\n"
		      "  Prints the routing table, one route a line: METHOD PATTERN PERMISSION.\n",
		      help ? stdout : stderr);
		return help ? 0 : 2;
	}
	for (rt = http_routes; rt->method; rt++) {
		const char *perm = perm_name(rt->perm);

		/* a route whose permission has no name is a bug in the tables, not output */
		if (!perm) {
			fprintf(stderr, "zhifa routes: %s %s has permission %d without a name\n",
				rt->method, rt->pattern, (int)rt->perm);
			return 1;
		}
		printf("%s %s %s\n", rt->method, rt->pattern, perm);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static void schema_usage(FILE *f)
{
	size_t i;

	fputs("usage: zhifa schema NAME\n"
	      "  Prints the OpenAPI schema of a record type (JSON, sorted keys). NAME is one of:", f);
	for (i = 0; record_types[i]; i++)
		fprintf(f, " %s", record_types[i]->name);
	fputc('\n', f);
}

int cmd_schema(int argc, char **argv)
{
	const struct record *rec;
	json_t *schema;
	int ret = 1;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		schema_usage(stdout);
		return 0;
	}
	if (argc != 2) {
		schema_usage(stderr);
		return 2;
	}
	rec = record_by_name(argv[1]);
	if (!rec) {
		fprintf(stderr, "zhifa schema: no record type '%s'\n", argv[1]);
		schema_usage(stderr);
		return 2;
	}
	schema = record_schema(rec);
	if (schema && json_dumpf(schema, stdout, JSON_INDENT(2) | JSON_SORT_KEYS) == 0 &&
	    fputc('\n', stdout) != EOF && fflush(stdout) == 0)
		ret = 0;
	json_decref(schema);
	return ret;
}
