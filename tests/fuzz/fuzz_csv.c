/* fuzz_csv.c: a CSV import body through import_parse (libcsv, the header check, cells
 * to JSON values) for agencies and officers, then record_decode_all on every row as
 * the importer does before its database checks. Aborts when a contract breaks: rows
 * without a reference on success, a refusal without a 4xx, or an answer that cannot
 * be written as JSON. */
#include <stdint.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/records.h"

static void check_problem(const struct zerr *e)
{
	json_t *p = http_problem_json(e, "/fuzz");
	char *s = p ? json_dumps(p, JSON_COMPACT) : NULL;

	if (!s)
		abort();
	free(s);
	json_decref(p);
}

static void parse_as(const struct record *rec, const char *body, size_t len)
{
	struct zerr e = ZERR_INIT;
	json_t *rows = NULL, *row;
	size_t i;

	if (import_parse(rec, body, len, &rows, &e) < 0) {
		if (rows || e.status != 400)
			abort();
		check_problem(&e);
		goto out;
	}
	/* every data row is either in rows or reported in e */
	if (!json_is_array(rows) || (json_array_size(rows) == 0 && !zerr_isset(&e)))
		abort();
	json_array_foreach(rows, i, row) {
		json_t *obj = json_array_get(row, 1), *clean = NULL;
		struct zerr re = ZERR_INIT;

		if (json_integer_value(json_array_get(row, 0)) < 2 || !json_is_object(obj))
			abort();
		if (record_decode_all(rec, obj, 0, &clean, &re) < 0)
			check_problem(&re);
		json_decref(clean);
		zerr_clear(&re);
	}
	if (zerr_isset(&e))
		check_problem(&e);
out:
	json_decref(rows);
	zerr_clear(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_as(&rec_agency, (const char *)data, size);
	parse_as(&rec_officer, (const char *)data, size);
	return 0;
}
