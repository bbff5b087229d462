/* fuzz_decode.c: a request body through the decoding every write handler does:
 * request_json_object (as http_json_body, at the default nesting limit), then
 * record_decode and record_decode_all for each record type, create and patch, then
 * the problem+json answer for whatever went wrong. Aborts when a contract breaks:
 * an accepted object with an error recorded, a refusal without a 400, or an answer
 * that cannot be written as JSON. Leaks are found by libFuzzer's LeakSanitizer. */
#include <stdint.h>
#include <stdlib.h>

#include "api/records.h"
#include "http/http.h"

#define FUZZ_MAX_DEPTH 16 /* config.max_json_depth's default */

/* The answer a client would get for e must exist and serialise. */
static void check_problem(const struct zerr *e)
{
	json_t *p = http_problem_json(e, "/fuzz");
	char *s = p ? json_dumps(p, JSON_COMPACT) : NULL;

	if (!s)
		abort();
	free(s);
	json_decref(p);
}

static void decode_as(const struct record *rec, json_t *in, int patch)
{
	struct zerr e = ZERR_INIT;
	json_t *clean = NULL;
	int rc;

	rc = record_decode(rec, in, patch, &clean, &e);
	if (rc == 0 ? (clean == NULL || zerr_isset(&e))
		    : (clean != NULL || e.status != 400 || json_array_size(e.errors) == 0))
		abort();
	if (rc < 0)
		check_problem(&e);
	json_decref(clean);
	zerr_clear(&e);

	rc = record_decode_all(rec, in, patch, &clean, &e);
	if (clean == NULL || (rc == 0) == zerr_isset(&e))
		abort();
	/* the valid members are a subset of the input */
	if (json_object_size(clean) > json_object_size(in))
		abort();
	json_decref(clean);
	zerr_clear(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zerr e = ZERR_INIT;
	json_t *in = NULL;
	size_t i;

	if (request_json_object((const char *)data, size, FUZZ_MAX_DEPTH, &in, &e) == 0) {
		if (!json_is_object(in) || zerr_isset(&e))
			abort();
		for (i = 0; record_types[i]; i++) {
			decode_as(record_types[i], in, 0);
			decode_as(record_types[i], in, 1);
		}
	} else {
		if (in || e.status != 400)
			abort();
		check_problem(&e);
	}
	json_decref(in);
	zerr_clear(&e);
	return 0;
}
