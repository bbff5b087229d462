#include "core/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int config_set_listen(struct config *cfg, const char *hostport)
{
	const char *colon = strrchr(hostport, ':');
	char *end;
	long port;

	if (!colon || colon == hostport || (size_t)(colon - hostport) >= sizeof(cfg->listen_host))
		return -1;
	port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return -1;
	snprintf(cfg->listen_host, sizeof(cfg->listen_host), "%.*s", (int)(colon - hostport), hostport);
	cfg->listen_port = (int)port;
	return 0;
}

void config_defaults(struct config *cfg)
{
	const char *v;
	long n;

	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->db_url, sizeof(cfg->db_url), "sqlite:var/zhifa.db");
	snprintf(cfg->listen_host, sizeof(cfg->listen_host), "127.0.0.1");
	cfg->listen_port = 8080;
	snprintf(cfg->data_dir, sizeof(cfg->data_dir), "var");
	snprintf(cfg->web_dir, sizeof(cfg->web_dir), "web/dist");
	cfg->max_body = 1 << 20;
	cfg->max_upload = 4ULL << 30;
	cfg->max_json_depth = 16;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	cfg->threads = n > 0 && n < 64 ? (int)n : 2;
	cfg->access_log = 1;
	cfg->dispute_days = 20;
	cfg->max_export_rows = 3000000;

	if ((v = getenv("ZHIFA_DB")) && *v)
		snprintf(cfg->db_url, sizeof(cfg->db_url), "%s", v);
	if ((v = getenv("ZHIFA_LISTEN")) && *v && config_set_listen(cfg, v) < 0)
		fprintf(stderr, "zhifa: ignoring bad ZHIFA_LISTEN '%s'\n", v);
	if ((v = getenv("ZHIFA_DATA_DIR")) && *v)
		snprintf(cfg->data_dir, sizeof(cfg->data_dir), "%s", v);
	if ((v = getenv("ZHIFA_WEB_DIR")) && *v)
		snprintf(cfg->web_dir, sizeof(cfg->web_dir), "%s", v);
	if ((v = getenv("ZHIFA_MAX_BODY")) && (n = strtol(v, NULL, 10)) > 0)
		cfg->max_body = (size_t)n;
	if ((v = getenv("ZHIFA_MAX_UPLOAD")) && strtoll(v, NULL, 10) > 0)
		cfg->max_upload = (unsigned long long)strtoll(v, NULL, 10);
	if ((v = getenv("ZHIFA_THREADS")) && (n = strtol(v, NULL, 10)) > 0 && n <= 256)
		cfg->threads = (int)n;
	if ((v = getenv("ZHIFA_ACCESS_LOG")) && strcmp(v, "0") == 0)
		cfg->access_log = 0;
	if ((v = getenv("ZHIFA_MAX_EXPORT_ROWS")) && (n = strtol(v, NULL, 10)) > 0)
		cfg->max_export_rows = n;
	if ((v = getenv("ZHIFA_DISPUTE_DAYS")) && (n = strtol(v, NULL, 10)) > 0 && n <= 365)
		cfg->dispute_days = (int)n;
}
