/* config.h: every limit and setting in one struct. Defaults here, then the
 * environment (ZHIFA_DB, ZHIFA_LISTEN, ZHIFA_DATA_DIR, ZHIFA_WEB_DIR, ZHIFA_MAX_BODY,
 * ZHIFA_THREADS, ZHIFA_MAX_UPLOAD, ZHIFA_DISPUTE_DAYS, ZHIFA_MAX_EXPORT_ROWS), then command-line flags. */
#ifndef ZHIFA_CONFIG_H
#define ZHIFA_CONFIG_H

#include <stddef.h>

struct config {
	char db_url[512];      /* sqlite:var/zhifa.db */
	char listen_host[64];  /* 127.0.0.1 */
	int listen_port;       /* 8080 */
	char data_dir[512];    /* var */
	char web_dir[512];     /* web/dist */
	size_t max_body;       /* bytes of a JSON or CSV request body: 1 MiB */
	unsigned long long max_upload; /* bytes of one streamed evidence upload: 4 GiB */
	size_t max_json_depth; /* nesting accepted in request JSON: 16 */
	int threads;           /* worker threads: the number of CPUs */
	int access_log;        /* 1: one line per request on stderr */
	long max_export_rows;  /* rows of one coverage XLSX export (both sheets): 3,000,000 —
				  more is 413, before anything is written (docs/claims.md) */
	int dispute_days;      /* working days within which a responsibility dispute is decided:
				  20 (docs/claims.md; ⚠️ a local rule, not the 条例's) */
};

/* Fills cfg with the defaults and then the environment. */
void config_defaults(struct config *cfg);
/* Parses "HOST:PORT" into cfg; 0 or -1. */
int config_set_listen(struct config *cfg, const char *hostport);

#endif
