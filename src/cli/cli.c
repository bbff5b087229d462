/* cli.c: what every subcommand shares: options, opening the database. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"

static const struct option db_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "admin-password", required_argument, NULL, 'p' },
	{ "listen", required_argument, NULL, 'l' },
	{ "data-dir", required_argument, NULL, 'D' },
	{ "web-dir", required_argument, NULL, 'w' },
	{ "username", required_argument, NULL, 'u' },
	{ "password", required_argument, NULL, 'P' },
	{ "role", required_argument, NULL, 'r' },
	{ "name", required_argument, NULL, 'n' },
	{ "region", required_argument, NULL, 'R' },
	{ "agency", required_argument, NULL, 'a' },
	{ "year", required_argument, NULL, 'y' },
	{ "file", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "ledger-alg", required_argument, NULL, 'L' },
	{ "model", required_argument, NULL, 'm' },
	{ "out", required_argument, NULL, 'o' },
	{ "count", required_argument, NULL, 'c' },
	{ "item", required_argument, NULL, 'I' },
	{ "date", required_argument, NULL, 'T' },
	{ "decision-date", required_argument, NULL, 'E' },
	{ "circumstances", required_argument, NULL, 'C' },
	{ "fine-fen", required_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Parses the options shared by every subcommand into cfg and opts. */
int cli_parse(int argc, char **argv, struct config *cfg, struct cli_opts *o)
{
	int c;

	config_defaults(cfg);
	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", db_opts, NULL)) != -1) {
		switch (c) {
		case 'd': snprintf(cfg->db_url, sizeof(cfg->db_url), "%s", optarg); break;
		case 'l':
			if (config_set_listen(cfg, optarg) < 0) {
				fprintf(stderr, "zhifa: --listen wants HOST:PORT\n");
				return -1;
			}
			break;
		case 'D': snprintf(cfg->data_dir, sizeof(cfg->data_dir), "%s", optarg); break;
		case 'w': snprintf(cfg->web_dir, sizeof(cfg->web_dir), "%s", optarg); break;
		case 'p': o->admin_password = optarg; break;
		case 'u': o->username = optarg; break;
		case 'P': o->password = optarg; break;
		case 'r': o->role = optarg; break;
		case 'n': o->name = optarg; break;
		case 'R': o->region = optarg; break;
		case 'a': o->agency = optarg; break;
		case 'y': o->year = optarg; break;
		case 'f': o->file = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'L': o->ledger_alg = optarg; break;
		case 'm': o->model = optarg; break;
		case 'o': o->out = optarg; break;
		case 'c': o->count = optarg; break;
		case 'I': o->item = optarg; break;
		case 'T': o->date = optarg; break;
		case 'E': o->decision_date = optarg; break;
		case 'C': o->circumstances = optarg; break;
		case 'F': o->fine_fen = optarg; break;
		case 'h': o->help = 1; break;
		default: return -1;
		}
	}
	o->rest = argv + optind;
	o->nrest = argc - optind;
	return 0;
}

db_t *cli_open_db(const struct config *cfg, int migrate)
{
	struct zerr e = ZERR_INIT;
	char *err = NULL;
	db_t *db = db_open(cfg->db_url, &err);

	if (!db) {
		fprintf(stderr, "zhifa: cannot open %s: %s\n", cfg->db_url, err ? err : "?");
		free(err);
		return NULL;
	}
	if (migrate && db_migrate(db, &e) < 0) {
		fprintf(stderr, "zhifa: %s\n", e.detail);
		zerr_clear(&e);
		db_close(&db);
	}
	return db;
}

