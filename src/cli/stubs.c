/* Subcommands still to come (kept honest: they say so and fail). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_ledger(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("zhifa ledger: not built yet\n", stderr);
	return 1;
}

int cli_ledger_init(db_t *db, const struct config *cfg, struct zerr *e)
{
	(void)db;
	(void)cfg;
	(void)e;
	return 0;
}
