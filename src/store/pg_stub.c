/* Placeholder until the libpq driver lands: refuses every URL. Removed by the pg branch. */
#include <string.h>

#include "store/db.h"

static db_t *pg_open_stub(const char *url, char **err_r)
{
	(void)url;
	if (err_r)
		*err_r = strdup("PostgreSQL driver not built yet");
	return NULL;
}

const struct db_driver db_driver_postgres = { .name = "postgres", .dialect = DB_POSTGRES,
					      .open = pg_open_stub };
