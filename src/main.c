/* zhifa: one binary, subcommands (architecture §2). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/config.h"
#include "core/log.h"
#include "domain/auth.h"
#include "domain/calendar_store.h"
#include "api/cases.h"
#include "domain/case_due.h"
#include "http/http.h"
#include "ledger/ledger.h"
#include "store/blob.h"
#include "store/db.h"
#include "cli/cli.h"

static int cmd_init(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db = NULL;
	int ret = 1;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help) {
		fputs("usage: zhifa init --db URL [--admin-password PW] [--data-dir DIR]\n"
		      "                  [--ledger-alg ed25519|sm2]\n"
		      "  Makes or upgrades the schema, seeds the shipped calendar years, makes the\n"
		      "  ledger signing key, and creates (or resets the password of) user 'admin'.\n"
		      "  --ledger-alg: checkpoints signed with Ed25519 over SHA-256 (default) or SM2\n"
		      "  over SM3; chosen once, for the life of the log.\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	db = cli_open_db(&cfg, 1);
	if (!db)
		goto out;
	if (cli_ledger_init(db, &cfg, o.ledger_alg, &e) < 0 || calendar_store_seed(db, &e) < 0)
		goto fail;
	if (o.admin_password) {
		db_stmt_t *st = db_prepare(db, "SELECT 1 FROM users WHERE username = 'admin'");
		int exists = st && db_step(st) == DB_ROW;

		if (st && exists)
			db_run(st);
		if (exists ? auth_set_password(db, "admin", o.admin_password, &e) < 0
			   : auth_user_add(db, "admin", "系统管理员", ROLE_ADMIN, 0, NULL,
					   o.admin_password, &e) < 0)
			goto fail;
	}
	if (!o.quiet)
		printf("zhifa: database %s is ready\n", cfg.db_url);
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "zhifa init: %s\n", e.detail);
	if (e.errors) {
		char *s = json_dumps(e.errors, 0);

		fprintf(stderr, "  %s\n", s ? s : "");
		free(s);
	}
out:
	zerr_clear(&e);
	db_close(&db);
	return ret;
}

static int cmd_serve(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db;
	int ret;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help) {
		fputs("usage: zhifa serve [--db URL] [--listen HOST:PORT] [--web-dir DIR] [--data-dir DIR]\n"
		      "  Serves the API under /api/v1 and the web app. Environment: ZHIFA_DB,\n"
		      "  ZHIFA_LISTEN, ZHIFA_DATA_DIR, ZHIFA_WEB_DIR, ZHIFA_MAX_BODY, ZHIFA_MAX_UPLOAD,\n"
		      "  ZHIFA_THREADS, ZHIFA_INDICATORS_KEEPER.\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	db = cli_open_db(&cfg, 1);
	if (!db)
		return 1;
	if (calendar_store_load(db, calendar_shared(), &e) < 0 ||
	    case_next_due_backfill(db, calendar_shared(), &e) < 0 ||
	    ledger_load_signer(db, cfg.data_dir, &e) < 0) {
		fprintf(stderr, "zhifa serve: %s\n", e.detail);
		zerr_clear(&e);
		db_close(&db);
		return 1;
	}
	db_close(&db);
	/* a day is longer than any upload; younger files may be another process's */
	if (blob_sweep_tmp(cfg.data_dir, 86400) > 0)
		log_info("removed unfinished uploads left in %s/objects/tmp", cfg.data_dir);
	if (getenv("ZHIFA_TODAY"))
		log_warn("ZHIFA_TODAY=%s moves today's date: for tests and drills only", getenv("ZHIFA_TODAY"));
	if (api_indicators_keeper_start(&cfg) < 0)
		log_warn("indicators keeper: cannot start a thread; requests compute the indicators");
	ret = http_serve(&cfg) == 0 ? 0 : 1;
	api_indicators_keeper_stop();
	return ret;
}

static int cmd_user(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db = NULL;
	int ret = 1;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest < 1 ||
	    (strcmp(o.rest[0], "add") == 0 && (!o.username || !o.password || !o.role))) {
		fputs("usage: zhifa user add --db URL --username U --password P --role ROLE\n"
		      "                        [--name NAME] [--agency PUBLIC_ID] [--region CODE]\n"
		      "       zhifa user passwd --db URL --username U --password P\n"
		      "       zhifa user apikey --db URL --username U --name KEYNAME\n"
		      "  roles: admin supervisor catalog_admin agency_head legal_reviewer officer auditor\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	db = cli_open_db(&cfg, 1);
	if (!db)
		goto out;
	if (strcmp(o.rest[0], "add") == 0) {
		int64_t agency = 0;

		if (o.agency) {
			db_stmt_t *st = db_prepare(db, "SELECT id FROM agencies WHERE public_id = ?");

			db_bind_text(st, 1, o.agency);
			if (db_step(st) == DB_ROW) {
				agency = db_col_int(st, 0);
				db_run(st);
			} else {
				fprintf(stderr, "zhifa user: no agency %s\n", o.agency);
				goto out;
			}
		}
		if (auth_user_add(db, o.username, o.name ? o.name : o.username, role_parse(o.role),
				  agency, o.region, o.password, &e) < 0)
			goto fail;
	} else if (strcmp(o.rest[0], "passwd") == 0) {
		if (auth_set_password(db, o.username ? o.username : "", o.password, &e) < 0)
			goto fail;
	} else if (strcmp(o.rest[0], "apikey") == 0) {
		char key[64];

		if (auth_apikey_add(db, o.username ? o.username : "", o.name ? o.name : "key", key, &e) < 0)
			goto fail;
		printf("%s\n", key);
	} else {
		fprintf(stderr, "zhifa user: unknown action %s\n", o.rest[0]);
		goto out;
	}
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "zhifa user: %s\n", e.detail);
out:
	zerr_clear(&e);
	db_close(&db);
	return ret;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "init", cmd_init, "make or upgrade the database; create the admin user" },
	{ "serve", cmd_serve, "serve the API and the web app" },
	{ "user", cmd_user, "add users, set passwords, make API keys" },
	{ "calendar", cmd_calendar, "load a year's holidays; compute a deadline" },
	{ "discretion", cmd_discretion, "load a discretion benchmark; evaluate a case against one" },
	{ "ledger", cmd_ledger, "verify the full-process ledger" },
	{ "evidence", cmd_evidence, "re-hash stored evidence; verify a court package" },
	{ "demo", cmd_demo, "build the demo county in a database" },
	{ "routes", cmd_routes, "print the routing table: method, path, permission" },
	{ "schema", cmd_schema, "print the OpenAPI schema of a record type" },
	{ "doc", cmd_doc, "render an enforcement document (PDF) from a JSON model" },
};

int main(int argc, char **argv)
{
	size_t i;

	/* the stored next due reads each agency's roll-over flags (case_due.h) */
	case_due_set_config_source(case_config_for_agency);

	if (argc >= 2) {
		if (strcmp(argv[1], "bench") == 0) /* hidden: benchmark helpers */
			return cmd_bench(argc - 1, argv + 1);
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].name) == 0)
				return commands[i].fn(argc - 1, argv + 1);
	}
	if (argc >= 2 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "help") != 0)
		fprintf(stderr, "zhifa: unknown command '%s'\n\n", argv[1]);
	fputs("usage: zhifa <command> [options]   (zhifa <command> --help for each)\n\n", stderr);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %-10s %s\n", commands[i].name, commands[i].help);
	return argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) ? 0 : 2;
}
