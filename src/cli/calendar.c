/* zhifa calendar: load a year's data file; compute a deadline from the command line. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "domain/calendar_store.h"

int cmd_calendar(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	struct principal sys = { 0 };
	db_t *db = NULL;
	int ret = 1;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest < 1) {
		fputs("usage: zhifa calendar load --db URL --file YYYY.txt\n"
		      "       zhifa calendar deadline --db URL START DAYS working|calendar\n"
		      "  The file format is described in data/calendar/README.md.\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	snprintf(sys.username, sizeof(sys.username), "cli");
	db = cli_open_db(&cfg, 1);
	if (!db)
		goto out;
	if (calendar_store_load(db, calendar_shared(), &e) < 0)
		goto fail;
	if (strcmp(o.rest[0], "load") == 0 && o.file) {
		char buf[CALENDAR_FILE_MAX + 1];
		const char *base = strrchr(o.file, '/');
		FILE *f = fopen(o.file, "rb");
		size_t n;
		int year;

		base = base ? base + 1 : o.file;
		year = (int)strtol(base, NULL, 10);
		if (!f) {
			fprintf(stderr, "zhifa calendar: cannot read %s\n", o.file);
			goto out;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		if (n > CALENDAR_FILE_MAX) {
			fprintf(stderr, "zhifa calendar: %s is too large\n", o.file);
			goto out;
		}
		if (calendar_store_put(db, calendar_shared(), year, buf, n, &sys, &e) < 0)
			goto fail;
		printf("zhifa: calendar %d loaded\n", year);
	} else if (strcmp(o.rest[0], "deadline") == 0 && o.nrest == 4) {
		struct zdate d, res;
		char out[ZDATE_STRLEN];
		int prov = 0, n = (int)strtol(o.rest[2], NULL, 10), rc;

		if (zdate_parse(o.rest[1], &d) < 0 || n < 0) {
			fprintf(stderr, "zhifa calendar: bad date or count\n");
			goto out;
		}
		rc = strcmp(o.rest[3], "working") == 0
			? calendar_add_working_days(calendar_shared(), d, n, &res, &prov)
			: calendar_add_calendar_days(calendar_shared(), d, n, &res, &prov);
		if (rc < 0)
			goto out;
		printf("%s%s\n", zdate_format(res, out), prov ? " (provisional)" : "");
	} else {
		fprintf(stderr, "zhifa calendar: unknown action\n");
		goto out;
	}
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "zhifa calendar: %s\n", e.detail);
out:
	zerr_clear(&e);
	db_close(&db);
	return ret;
}
