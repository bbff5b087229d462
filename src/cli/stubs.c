/* Subcommands still to come (kept honest: they say so and fail). */
#include <stdio.h>

#include "cli/cli.h"

int cmd_demo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("zhifa demo: not built yet\n", stderr);
	return 1;
}

