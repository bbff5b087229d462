/* metrics.h: request counters and latency histogram, in Prometheus text format. */
#ifndef ZHIFA_METRICS_H
#define ZHIFA_METRICS_H

#include <stdint.h>

#include "core/buf.h"

/* Records one request: route index (-1 for none), HTTP status, duration in ns. */
void metrics_observe(int route, int status, uint64_t dur_ns);
/* Appends the exposition text. */
int metrics_render(struct buf *out);

#endif
