/* import.c: CSV import of agencies and officers. All or nothing: any bad row → 400
 * invalid_csv with one errors[] entry per bad field ({row, field, message}, row being
 * the CSV line with the header as line 1) and nothing written.
 *
 * Parsing is libcsv's (RFC 4180 quoting, strict). Each row becomes a JSON object and
 * then goes through exactly what a single POST goes through: record_decode on the
 * record's field table and the org.c checks of scope, region and agency. */
#include <csv.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "api/records.h"
#include "core/valid.h"
#include "domain/catalog.h"

#define IMPORT_MAX_ROWS 10000

struct import_spec {
	const struct record *rec;
	const char *const *columns; /* the header's accepted columns */
	/* the resource's rules beyond the field table, shared with its POST handler */
	int (*check)(struct req *r, json_t *clean, struct zerr *e);
	/* a member that no two rows share and no stored record has, beyond the record's
	 * FF_UNIQUE fields: its JSON name and the table and column that hold it */
	const char *unique, *unique_table, *unique_col;
	/* writes a checked row with its ledger entry; NULL: the record's insert */
	int (*write)(struct req *r, json_t *clean, struct zerr *e);
};

static const char *const agency_columns[] = { "name", "uscc", "region_code", "kind", "domain", NULL };

static const struct import_spec agency_import = {
	.rec = &rec_agency, .columns = agency_columns, .check = org_agency_check,
};

static const char *const officer_columns[] = { "agency_id", "name", "id_number", "cert_no",
					       "cert_issued", "cert_expires", "legal_qualified",
					       "training_hours", NULL };

static const struct import_spec officer_import = {
	.rec = &rec_officer, .columns = officer_columns, .check = org_officer_agency,
};

const char *const api_catalog_columns[] = { "code", "name", "kind", "domain", "legal_basis", "level",
					     "mode", "penalty_types", "fine_min_fen", "fine_max_fen",
					     "effective_from", NULL };

static int has_field_error(const struct zerr *e, const char *field);

/* A catalog row is a complete first version (domain/catalog.c's rules); a rule about a
 * member that is already reported bad adds nothing. */
static int catalog_row_check(struct req *r, json_t *clean, struct zerr *e)
{
	struct zerr ce = ZERR_INIT;
	json_t *x;
	size_t i;

	(void)r;
	if (catalog_version_check(clean, &ce) == 0)
		return 0;
	json_array_foreach(ce.errors, i, x) {
		const char *f = json_string_value(json_object_get(x, "field"));

		if (!has_field_error(e, f))
			zerr_field(e, f, "%s", json_string_value(json_object_get(x, "message")));
	}
	zerr_clear(&ce);
	return -1;
}

static int catalog_row_write(struct req *r, json_t *clean, struct zerr *e)
{
	(void)e; /* api_catalog_version_write reports into r->err, which is e here */
	return api_catalog_version_write(r, clean, 1, NULL, "import", NULL, 0);
}

static const struct import_spec catalog_import = {
	.rec = &rec_catalog_version, .columns = api_catalog_columns, .check = catalog_row_check,
	.unique = "code", .unique_table = "catalog_items", .unique_col = "code",
	.write = catalog_row_write,
};

/* A township list row: the region is a registered township inside the caller's scope. */
static int township_row_check(struct req *r, json_t *clean, struct zerr *e)
{
	const char *code = json_string_value(json_object_get(clean, "region_code"));

	if (!code || has_field_error(e, "region_code"))
		return 0;
	if (org_region_usable(r, code, "region_code", e) < 0)
		return -1;
	if (region_code_level(code) != REGION_TOWNSHIP)
		return zerr_field(e, "region_code", "%s 不是乡镇（街道）区划代码 (not a township)", code);
	return 0;
}

static const char *const township_list_columns[] = { "region_code", "name", "item_code", "kind", NULL };

static const struct import_spec township_list_import = {
	.rec = &rec_township_list_item, .columns = township_list_columns, .check = township_row_check,
};

/* The parse in progress: libcsv calls back per field and per record. */
struct csv_in {
	const struct import_spec *spec;
	long line;                  /* the physical line being fed, 1-based */
	long rec_line;              /* the line on which the current record began */
	json_t *cells;              /* the current record: strings; null for a non-UTF-8 cell */
	const struct field **cols;  /* header column i → its field */
	size_t ncols;               /* 0 until the header is read */
	json_t *rows;               /* [[line, {member: value}], ...] */
	size_t nrows;               /* data rows read, with those already found bad */
	struct zerr *e;             /* problems of the file itself, or of any row */
	int stop;                   /* a problem that ends reading */
};

static const struct field *field_of(const struct record *rec, const char *json)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].json, json) == 0)
			return &rec->fields[i];
	return NULL;
}

/* Adds {row, field, message} to e as a row error of invalid_csv. */
__attribute__((format(printf, 4, 5)))
static void row_error(struct zerr *e, long row, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!e->status)
		zerr_set(e, 400, "invalid_csv", "导入文件有错误，未导入任何记录 (invalid rows: nothing imported)");
	if (!e->errors)
		e->errors = json_array();
	json_array_append_new(e->errors, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)row, "field",
						   field, "message", msg));
}

/* Moves the field errors of a row (from record_decode and the org checks) into e. */
static void row_errors_take(struct zerr *e, long row, struct zerr *re)
{
	json_t *x;
	size_t i;

	json_array_foreach(re->errors, i, x)
		row_error(e, row, json_string_value(json_object_get(x, "field")), "%s",
			  json_string_value(json_object_get(x, "message")));
	zerr_clear(re);
}

static void on_field(void *s, size_t len, void *data)
{
	struct csv_in *in = data;
	json_t *v;

	if (in->stop)
		return;
	v = s ? json_stringn(s, len) : json_string("");
	json_array_append_new(in->cells, v ? v : json_null());
}

/* Reads the header: every column known, none twice, every required field present. */
static void take_header(struct csv_in *in, long line)
{
	const struct record *rec = in->spec->rec;
	size_t n = json_array_size(in->cells), i, k;
	json_t *c;

	in->cols = calloc(n, sizeof(const struct field *));
	if (!in->cols) {
		zerr_oom(in->e);
		in->stop = 1;
		return;
	}
	json_array_foreach(in->cells, i, c) {
		const char *name = json_string_value(c);

		for (k = 0; name && in->spec->columns[k]; k++)
			if (strcmp(in->spec->columns[k], name) == 0)
				break;
		if (!name || !in->spec->columns[k]) {
			row_error(in->e, line, name ? name : "", "未知列 %s (unknown column)",
				  name ? name : "(非 UTF-8)");
			continue;
		}
		for (k = 0; k < i; k++)
			if (in->cols[k] && strcmp(in->cols[k]->json, name) == 0)
				row_error(in->e, line, name, "列 %s 重复 (column repeated)", name);
		in->cols[i] = field_of(rec, name);
	}
	for (k = 0; in->spec->columns[k]; k++) {
		const struct field *f = field_of(rec, in->spec->columns[k]);

		for (i = 0; i < n; i++)
			if (in->cols[i] == f)
				break;
		if (i == n && (f->flags & FF_REQ))
			row_error(in->e, line, f->json, "缺少必填列 %s（%s） (missing column)", f->json,
				  f->zh);
	}
	in->ncols = n;
	if (zerr_isset(in->e)) {
		snprintf(in->e->detail, sizeof(in->e->detail),
			 "表头有错误：应为 %s 等列 (bad header row)", in->spec->columns[0]);
		in->stop = 1;
	}
}

/* A cell as the JSON value that a client would have sent: integers and booleans
 * converted when they read as such; anything else stays a string, so that
 * record_decode reports it exactly as it would for JSON. */
static json_t *cell_value(const struct field *f, json_t *cell)
{
	const char *s = json_string_value(cell);
	char *end;
	long long v;

	if (f->type == FT_INT) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!*end && errno == 0 && (*s == '-' || (*s >= '0' && *s <= '9')))
			return json_integer(v);
	} else if (f->type == FT_BOOL) {
		if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0 || strcmp(s, "是") == 0)
			return json_true();
		if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0 || strcmp(s, "否") == 0)
			return json_false();
	} else if (f->type == FT_JSON && f->from_text) {
		json_t *j = f->from_text(s);

		if (j)
			return j;
	}
	return json_incref(cell);
}

static void on_record(int c, void *data)
{
	struct csv_in *in = data;
	size_t n = json_array_size(in->cells), i, before;
	long line = in->rec_line;
	json_t *obj, *cell;

	(void)c;
	/* the next record begins on the line after this one's terminator */
	in->rec_line = in->line + 1;
	if (in->stop)
		goto out;
	if (n == 0 || (n == 1 && json_string_length(json_array_get(in->cells, 0)) == 0 &&
		       json_is_string(json_array_get(in->cells, 0))))
		goto out; /* a blank line (or the LF of a CRLF) */
	if (!in->ncols) {
		take_header(in, line);
		goto out;
	}
	if (in->nrows >= IMPORT_MAX_ROWS) {
		zerr_clear(in->e);
		zerr_set(in->e, 400, "invalid_csv", "一次最多导入 %d 行 (at most %d rows)", IMPORT_MAX_ROWS,
			 IMPORT_MAX_ROWS);
		in->stop = 1;
		goto out;
	}
	before = json_array_size(in->e->errors);
	obj = json_object();
	json_array_foreach(in->cells, i, cell) {
		const struct field *f = i < in->ncols ? in->cols[i] : NULL;

		if (i >= in->ncols) {
			if (json_string_length(cell))
				row_error(in->e, line, "", "第 %zu 列没有表头 (more cells than columns)", i + 1);
		} else if (json_is_null(cell)) {
			row_error(in->e, line, f->json, "%s不是有效的 UTF-8 文本 (not UTF-8)", f->zh);
		} else if (json_string_length(cell)) { /* an empty cell is an absent member */
			json_object_set_new(obj, f->json, cell_value(f, cell));
		}
	}
	if (json_array_size(in->e->errors) == before) /* else reported already */
		json_array_append_new(in->rows, json_pack("[I, o]", (json_int_t)line, obj));
	else
		json_decref(obj);
	in->nrows++;
out:
	json_array_clear(in->cells);
}

/* Parses body into in->rows. Fed a line at a time so that each record knows the line
 * it began on, even when quoted cells hold line breaks. */
static int parse_csv(const char *data, size_t len, struct csv_in *in)
{
	const char *p = data, *end = data + len, *nl;
	struct csv_parser cp;
	size_t n;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (p == end)
		return zerr_set(in->e, 400, "invalid_csv", "请求体为空，需要 CSV 文件 (empty body)");
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
		return zerr_oom(in->e);
	in->line = in->rec_line = 1;
	while (p < end && !in->stop) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (csv_parse(&cp, p, n, on_field, on_record, in) != n) {
			zerr_clear(in->e);
			zerr_set(in->e, 400, "invalid_csv", "第 %ld 行：CSV 格式错误，%s (malformed CSV)", in->line,
				 csv_strerror(csv_error(&cp)));
			in->stop = 1;
			break;
		}
		p += n;
		in->line++;
	}
	if (!in->stop && csv_fini(&cp, on_field, on_record, in) != 0) {
		zerr_clear(in->e);
		zerr_set(in->e, 400, "invalid_csv", "第 %ld 行：引号未闭合 (unterminated quote)", in->rec_line);
		in->stop = 1;
	}
	csv_free(&cp);
	if (in->stop)
		return -1;
	if (!in->ncols)
		return zerr_set(in->e, 400, "invalid_csv", "请求体为空，需要 CSV 文件 (empty body)");
	if (in->nrows == 0)
		return zerr_set(in->e, 400, "invalid_csv", "文件只有表头，没有数据行 (no rows)");
	return 0; /* rows with bad cells are in e already; the rest are checked next */
}

static const struct import_spec *const import_specs[] = { &agency_import, &officer_import,
							   &catalog_import, &township_list_import, NULL };

int import_parse(const struct record *rec, const char *body, size_t len, json_t **rows_r,
		 struct zerr *e)
{
	struct csv_in in = { .e = e };
	size_t i;
	int ret = -1;

	*rows_r = NULL;
	for (i = 0; import_specs[i] && import_specs[i]->rec != rec; i++)
		;
	if (!import_specs[i])
		return zerr_internal(e, "import_parse: record type cannot be imported");
	in.spec = import_specs[i];
	in.cells = json_array();
	in.rows = json_array();
	if (parse_csv(body, len, &in) == 0) {
		*rows_r = in.rows;
		in.rows = NULL;
		ret = 0;
	}
	free(in.cols);
	json_decref(in.cells);
	json_decref(in.rows);
	return ret;
}

/* 1 when e already holds an error for field. */
static int has_field_error(const struct zerr *e, const char *field)
{
	json_t *x;
	size_t i;

	json_array_foreach(e->errors, i, x)
		if (strcmp(json_string_value(json_object_get(x, "field")), field) == 0)
			return 1;
	return 0;
}

/* 1 when table has a row whose col is v, 0 when not, -1 with re set. table and col
 * come from the field tables and import specs, never from the file. */
static int stored(struct req *r, const char *table, const char *col, const char *v, struct zerr *re)
{
	struct buf sql = BUF_INIT(512);
	db_stmt_t *st;
	int rc, ret = -1;

	buf_addf(&sql, "SELECT 1 FROM %s WHERE %s = ?", table, col);
	st = db_prepare(r->db, buf_str(&sql));
	if (!st) {
		zerr_internal(re, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, v);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		ret = 1;
	} else if (rc == DB_OK) {
		ret = 0;
	} else {
		zerr_clear(re);
		db_zerr(r->db, rc, re);
	}
out:
	buf_release(&sql);
	return ret;
}

/* Reports a value of a unique member (name, label zh, held in table.col) that repeats
 * an earlier row (seen maps "field\x1fvalue" to its first line) or a stored record. */
static int unique_one(struct req *r, const char *name, const char *zh, const char *table,
		      const char *col, json_t *obj, long line, json_t *seen, struct zerr *re)
{
	struct buf key = BUF_INIT(1024);
	const char *v = json_string_value(json_object_get(obj, name));
	json_t *first;
	int rc = 0;

	if (!v || has_field_error(re, name))
		goto out;
	if (buf_addf(&key, "%s\x1f%s", name, v) < 0)
		goto out; /* longer than any valid value: record_decode said so */
	first = json_object_get(seen, buf_str(&key));
	if (first) {
		zerr_field(re, name, "%s与第 %lld 行重复 (duplicate of line %lld)", zh,
			   (long long)json_integer_value(first), (long long)json_integer_value(first));
		goto out;
	}
	json_object_set_new(seen, buf_str(&key), json_integer(line));
	rc = stored(r, table, col, v, re);
	if (rc == 1) {
		zerr_field(re, name, "%s已登记 (already registered)", zh);
		rc = 0;
	}
out:
	buf_release(&key);
	return rc;
}

/* Every unique member of a row: the record's FF_UNIQUE fields and the spec's own. */
static int unique_check(struct req *r, const struct import_spec *spec, json_t *obj, long line,
			json_t *seen, struct zerr *re)
{
	const struct record *rec = spec->rec;
	size_t i;

	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if ((f->flags & FF_UNIQUE) &&
		    unique_one(r, f->json, f->zh, rec->table, f->col, obj, line, seen, re) < 0)
			return -1;
	}
	if (spec->unique)
		return unique_one(r, spec->unique, field_of(rec, spec->unique)->zh, spec->unique_table,
				  spec->unique_col, obj, line, seen, re);
	return 0;
}

/* Parses data, validates every row and, when all are good, writes them with their
 * ledger entries in one transaction. With skip_existing, rows whose spec->unique value
 * is stored already are left out (counted in *skipped_r) instead of being errors. */
static int import_csv(struct req *r, const struct import_spec *spec, const char *data, size_t len,
		      int skip_existing, size_t *imported_r, size_t *skipped_r)
{
	struct csv_in in = { .spec = spec, .e = &r->err };
	json_t *seen = json_object(), *cleans = json_array(), *row;
	size_t i, skipped = 0;
	int ret = -1;

	in.cells = json_array();
	in.rows = json_array();
	if (parse_csv(data, len, &in) < 0)
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	json_array_foreach(in.rows, i, row) {
		long line = (long)json_integer_value(json_array_get(row, 0));
		json_t *obj = json_array_get(row, 1), *clean = NULL;
		struct zerr re = ZERR_INIT;
		const char *uv = spec->unique ? json_string_value(json_object_get(obj, spec->unique)) : NULL;

		if (skip_existing && uv) {
			int rc = stored(r, spec->unique_table, spec->unique_col, uv, &r->err);

			if (rc < 0)
				goto rollback;
			if (rc == 1) {
				skipped++;
				continue;
			}
		}
		/* the org checks run on the valid members too, so a row lists all its errors */
		record_decode_all(spec->rec, obj, 0, &clean, &re);
		spec->check(r, clean, &re);
		if (re.status == 400 || !zerr_isset(&re))
			unique_check(r, spec, obj, line, seen, &re);
		if (zerr_isset(&re) && re.status != 400) { /* the database, not the file */
			zerr_clear(&r->err);
			r->err = re;
			json_decref(clean);
			goto rollback;
		}
		if (zerr_isset(&re)) {
			row_errors_take(&r->err, line, &re);
			json_decref(clean);
		} else {
			json_array_append_new(cleans, clean);
		}
	}
	if (zerr_isset(&r->err)) {
		snprintf(r->err.detail, sizeof(r->err.detail),
			 "导入文件有 %zu 处错误，未导入任何记录 (%zu errors: nothing imported)",
			 json_array_size(r->err.errors), json_array_size(r->err.errors));
		goto rollback;
	}
	json_array_foreach(cleans, i, row) {
		if (spec->write ? spec->write(r, row, &r->err) < 0
				: api_insert_logged(r, spec->rec, row, NULL, "import", NULL, 0, &r->err) < 0)
			goto rollback;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	*imported_r = json_array_size(cleans);
	if (skipped_r)
		*skipped_r = skipped;
	ret = 0;
	goto out;
rollback:
	db_rollback(r->db);
out:
	free(in.cols);
	json_decref(in.cells);
	json_decref(in.rows);
	json_decref(seen);
	json_decref(cleans);
	return ret;
}

/* The HTTP side of an import: a text/csv body, answered {imported}. */
static int import_run(struct req *r, const struct import_spec *spec)
{
	const char *ct = http_header(r, "Content-Type");
	size_t n = 0;

	if (!ct || strncasecmp(ct, "text/csv", 8) != 0 || (ct[8] && ct[8] != ';' && ct[8] != ' '))
		return zerr_set(&r->err, 415, "unsupported_media_type",
				"请以 text/csv（UTF-8）格式提交 (Content-Type must be text/csv)");
	if (import_csv(r, spec, r->body.data, r->body.len, 0, &n, NULL) < 0)
		return -1;
	return http_reply(r, 200, json_pack("{s:I}", "imported", (json_int_t)n));
}

int api_agencies_import(struct req *r)
{
	return import_run(r, &agency_import);
}

int api_officers_import(struct req *r)
{
	return import_run(r, &officer_import);
}

int api_catalog_import(struct req *r)
{
	return import_run(r, &catalog_import);
}

int api_catalog_import_text(struct req *r, const char *data, size_t len, int skip_existing,
			    size_t *imported_r, size_t *skipped_r)
{
	return import_csv(r, &catalog_import, data, len, skip_existing, imported_r, skipped_r);
}

int api_township_lists_import(struct req *r)
{
	return import_run(r, &township_list_import);
}

int api_township_lists_import_text(struct req *r, const char *data, size_t len, size_t *imported_r)
{
	return import_csv(r, &township_list_import, data, len, 0, imported_r, NULL);
}
