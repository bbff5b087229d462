#include "http/metrics.h"

#include <stdatomic.h>

#include "http/http.h"

#define MAX_ROUTES 256
static const double bounds_ms[] = { 1, 2, 5, 10, 25, 50, 100, 250, 1000 };
#define NB (sizeof(bounds_ms) / sizeof(bounds_ms[0]))

static atomic_uint_fast64_t by_class[6];                  /* 1xx..5xx, [0] unused */
static atomic_uint_fast64_t by_route[MAX_ROUTES + 1];     /* last slot: unmatched */
static atomic_uint_fast64_t hist[NB + 1];
static atomic_uint_fast64_t sum_us, count;

void metrics_observe(int route, int status, uint64_t dur_ns)
{
	double ms = (double)dur_ns / 1e6;
	size_t b;

	if (status >= 100 && status < 600)
		atomic_fetch_add(&by_class[status / 100], 1);
	atomic_fetch_add(&by_route[route >= 0 && route < MAX_ROUTES ? route : MAX_ROUTES], 1);
	for (b = 0; b < NB && ms > bounds_ms[b]; b++)
		;
	atomic_fetch_add(&hist[b], 1);
	atomic_fetch_add(&sum_us, dur_ns / 1000);
	atomic_fetch_add(&count, 1);
}

int metrics_render(struct buf *o)
{
	uint64_t cum = 0;
	size_t i;
	int rc = 0;

	rc |= buf_adds(o, "# HELP zhifa_http_requests_total HTTP requests by status class.\n"
			  "# TYPE zhifa_http_requests_total counter\n");
	for (i = 1; i < 6; i++)
		rc |= buf_addf(o, "zhifa_http_requests_total{class=\"%zuxx\"} %llu\n", i,
			       (unsigned long long)atomic_load(&by_class[i]));
	rc |= buf_adds(o, "# HELP zhifa_http_route_requests_total HTTP requests by route.\n"
			  "# TYPE zhifa_http_route_requests_total counter\n");
	for (i = 0; i < MAX_ROUTES && http_routes[i].method; i++)
		rc |= buf_addf(o, "zhifa_http_route_requests_total{method=\"%s\",route=\"%s\"} %llu\n",
			       http_routes[i].method, http_routes[i].pattern,
			       (unsigned long long)atomic_load(&by_route[i]));
	rc |= buf_adds(o, "# HELP zhifa_http_request_duration_seconds Request latency.\n"
			  "# TYPE zhifa_http_request_duration_seconds histogram\n");
	for (i = 0; i < NB; i++) {
		cum += atomic_load(&hist[i]);
		rc |= buf_addf(o, "zhifa_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			       bounds_ms[i] / 1000, (unsigned long long)cum);
	}
	cum += atomic_load(&hist[NB]);
	rc |= buf_addf(o, "zhifa_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
		       (unsigned long long)cum);
	rc |= buf_addf(o, "zhifa_http_request_duration_seconds_sum %.6f\n",
		       (double)atomic_load(&sum_us) / 1e6);
	rc |= buf_addf(o, "zhifa_http_request_duration_seconds_count %llu\n",
		       (unsigned long long)atomic_load(&count));
	return rc ? -1 : 0;
}
