/* buf.h: a growable byte buffer with a hard cap (after git's strbuf and curl's dynbuf).
 * The contents are always NUL-terminated so they can be used as a C string. */
#ifndef ZHIFA_BUF_H
#define ZHIFA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;  /* NULL until the first add; NUL-terminated afterwards */
	size_t len;  /* bytes in use, not counting the NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* most bytes the buffer may ever hold */
};

#define BUF_INIT(max_) { NULL, 0, 0, (max_) }

/* Initialises b in place; it may never hold more than max bytes. */
void buf_init(struct buf *b, size_t max);
/* Append n bytes; -1 (contents unchanged) when the cap would be passed or memory is out. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s with JSON string escaping as RFC 8785 (JCS) writes it: \" \\ \b \f \n \r \t,
 * other control characters as \u00xx (lowercase), everything else as is; no quotes. */
int buf_add_json_escaped(struct buf *b, const char *s);
/* Empties b, keeping its memory. */
void buf_clear(struct buf *b);
/* Frees the contents; b stays usable as an empty buffer with the same cap. */
void buf_release(struct buf *b);
/* Hands the contents to the caller (free() them) and empties b. Never NULL on success. */
char *buf_detach(struct buf *b, size_t *len_r);
/* "" when empty, never NULL. */
const char *buf_str(const struct buf *b);

#endif
