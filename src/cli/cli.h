/* cli.h: the subcommands of the zhifa binary and what they share. */
#ifndef ZHIFA_CLI_H
#define ZHIFA_CLI_H

#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

struct cli_opts {
	const char *admin_password, *username, *password, *role, *name, *region, *agency;
	const char *year, *file, *ledger_alg, *model, *out, *count;
	const char *item, *date, *decision_date, *circumstances, *fine_fen;
	int quiet, help;
	char **rest; /* arguments after the options */
	int nrest;
};

/* Parses the options shared by every subcommand (argv[0] is the subcommand). */
int cli_parse(int argc, char **argv, struct config *cfg, struct cli_opts *o);
/* Opens cfg->db_url, applying migrations when migrate; prints why on failure. */
db_t *cli_open_db(const struct config *cfg, int migrate);

int cmd_calendar(int argc, char **argv);
int cmd_ledger(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_bench(int argc, char **argv); /* hidden: bench/run.sh's helpers */
int cmd_discretion(int argc, char **argv);

/* Sets the ledger up on first init (alg: NULL or "ed25519" for Ed25519 over SHA-256,
 * "sm2" for SM2 over SM3 — fixed for the log's life); harmless afterwards. */
int cli_ledger_init(db_t *db, const struct config *cfg, const char *alg, struct zerr *e);

#endif
