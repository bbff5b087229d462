/* embed.h: files compiled into the binary (migrations, the OpenAPI document). */
#ifndef ZHIFA_EMBED_H
#define ZHIFA_EMBED_H

#include <stddef.h>

struct embedded {
	const char *name; /* basename, e.g. "001_core.sql" */
	const char *data; /* the bytes, not NUL-terminated by contract */
	size_t len;
};

/* Arrays end with an entry whose name is NULL; sorted as the build listed them. */
extern const struct embedded embedded_migrations[];
extern const struct embedded embedded_docs[];
extern const struct embedded embedded_calendar[]; /* data/calendar/YYYY.txt */
extern const struct embedded embedded_catalog[];  /* data/catalog/NAME.csv: the demo catalog */
extern const struct embedded embedded_discretion[]; /* the demo tables, data/discretion */

/* Returns the embedded file called name in list, or NULL. */
const struct embedded *embedded_find(const struct embedded *list, const char *name);

#endif
