/* zhifa discretion: load a benchmark table; evaluate circumstances against the stored
 * tables. The same domain functions as POST /api/v1/discretion/tables and
 * /api/v1/discretion/evaluate (and /check with --fine-fen). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/discretion_store.h"

/* Prints e as the API would answer it: the detail, then one line per errors[] entry. */
static void print_problem(const struct zerr *e)
{
	size_t i;
	json_t *x;

	fprintf(stderr, "zhifa discretion: %s (%d %s)\n", e->detail, e->status, e->code);
	json_array_foreach(e->errors, i, x)
		fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(x, "field")),
			json_string_value(json_object_get(x, "message")));
}

/* Reads the file at path (at most DISCRETION_TEXT_MAX bytes) into *buf_r / *len_r. */
static int read_file(const char *path, char **buf_r, size_t *len_r, struct zerr *e)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;
	int ret = -1;

	*buf_r = NULL;
	if (!f)
		return zerr_set(e, 400, "invalid_field", "无法读取 %s：%s (cannot read)", path, strerror(errno));
	buf = malloc(DISCRETION_TEXT_MAX + 1);
	if (!buf) {
		zerr_oom(e);
		goto out;
	}
	n = fread(buf, 1, DISCRETION_TEXT_MAX + 1, f);
	if (ferror(f) || n > DISCRETION_TEXT_MAX) {
		zerr_set(e, 400, "invalid_field", "%s 无法读取或超过 %d 字节 (unreadable or too large)", path,
			 DISCRETION_TEXT_MAX);
		goto out;
	}
	*buf_r = buf;
	*len_r = n;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	fclose(f);
	return ret;
}

static int load(db_t *db, const struct cli_opts *o, struct zerr *e)
{
	struct principal who = { 0 };
	char key[DISCRETION_KEY_LEN], *text = NULL;
	size_t len = 0;
	int rc;

	snprintf(who.username, sizeof(who.username), "cli");
	if (read_file(o->file, &text, &len, e) < 0)
		return -1;
	rc = discretion_store_add(db, text, len, &who, 0, key, e);
	free(text);
	if (rc < 0)
		return -1;
	printf("zhifa: discretion table %s loaded\n", key);
	return 0;
}

static int evaluate(db_t *db, const struct cli_opts *o, struct zerr *e)
{
	json_error_t jerr;
	json_t *req = NULL, *circ = NULL, *out = NULL;
	char *end;
	int ret = -1;

	circ = json_loads(o->circumstances, JSON_REJECT_DUPLICATES, &jerr);
	if (!circ) {
		zerr_field(e, "circumstances", "--circumstances 不是合法的 JSON：%s (invalid JSON)", jerr.text);
		goto out;
	}
	req = json_pack("{s:s, s:s, s:O}", "item_code", o->item, "date", o->date, "circumstances", circ);
	if (!req) {
		zerr_oom(e);
		goto out;
	}
	if (o->decision_date)
		json_object_set_new(req, "decision_date", json_string(o->decision_date));
	if (o->fine_fen) {
		long long v;

		errno = 0;
		v = strtoll(o->fine_fen, &end, 10);
		if (*end || errno || end == o->fine_fen) {
			zerr_field(e, "fine_fen", "--fine-fen 应为以分计的整数 (whole fen)");
			goto out;
		}
		json_object_set_new(req, "fine_fen", json_integer(v));
	}
	if (discretion_request(db, req, o->fine_fen != NULL, &out, e) < 0)
		goto out;
	if (json_dumpf(out, stdout, JSON_INDENT(2) | JSON_SORT_KEYS) == 0)
		fputc('\n', stdout);
	ret = 0;
out:
	json_decref(req);
	json_decref(circ);
	json_decref(out);
	return ret;
}

int cmd_discretion(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db = NULL;
	int ret = 1, is_load, is_eval;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest != 1)
		goto usage;
	is_load = strcmp(o.rest[0], "load") == 0 && o.file;
	is_eval = strcmp(o.rest[0], "evaluate") == 0 && o.item && o.date && o.circumstances;
	if (!is_load && !is_eval)
		goto usage;
	db = cli_open_db(&cfg, 1);
	if (!db)
		goto out;
	if ((is_load ? load(db, &o, &e) : evaluate(db, &o, &e)) < 0) {
		print_problem(&e);
		goto out;
	}
	ret = 0;
	goto out;
usage:
	fputs("usage: zhifa discretion load --db URL --file TABLE.json\n"
	      "       zhifa discretion evaluate --db URL --item CODE --date YYYY-MM-DD\n"
	      "            --circumstances JSON [--decision-date YYYY-MM-DD] [--fine-fen N]\n"
	      "  load proves the table (no overlapping rules, no uncovered case, its own tests\n"
	      "  pass) and stores it with a ledger entry; a version is never replaced.\n"
	      "  evaluate prints the recommended outcome and fine range (行政处罚法 Art 37:\n"
	      "  the newer version applies when it is lighter); with --fine-fen also where\n"
	      "  that fine lies (inside, below, above). Format: docs/discretion.md.\n",
	      o.help ? stdout : stderr);
	ret = o.help ? 0 : 2;
out:
	zerr_clear(&e);
	db_close(&db);
	return ret;
}
