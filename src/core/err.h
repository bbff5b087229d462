/* err.h: errors travel as values. A function that can fail takes a `struct zerr *`,
 * fills it and returns -1; the HTTP layer turns it into problem+json exactly once. */
#ifndef ZHIFA_ERR_H
#define ZHIFA_ERR_H

#include <jansson.h>

struct zerr {
	int status;       /* HTTP status to answer with: 400, 404, 409, 500 ... */
	char code[48];    /* stable machine code: "invalid_field", "not_found" ... */
	char detail[512]; /* a sentence for a person, Chinese first */
	json_t *errors;   /* NULL or array of {"field","message"} */
	json_t *extra;    /* NULL or object merged into the problem body (e.g. "unmet") */
};

#define ZERR_INIT { 0, "", "", NULL, NULL }

/* Sets status, code and detail (printf-style); returns -1 so callers can `return zerr_set(...)`. */
int zerr_set(struct zerr *e, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Adds {"field","message"} to errors[]; when no status is set yet it becomes 400 invalid_field. */
int zerr_field(struct zerr *e, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True once anything has been recorded. */
int zerr_isset(const struct zerr *e);
/* Makes s well-formed UTF-8 in place: every byte that does not begin a well-formed
 * sequence becomes '?'. The detail and messages of a zerr pass through it, so that
 * the problem document that carries them can always be written. */
void utf8_repair(char *s);
/* Frees the JSON parts and resets e to ZERR_INIT. */
void zerr_clear(struct zerr *e);

/* Shorthands for the common answers; all return -1. */
int zerr_oom(struct zerr *e);
int zerr_internal(struct zerr *e, const char *what);
int zerr_not_found(struct zerr *e, const char *what);

#endif
