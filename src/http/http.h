/* http.h: the transport. libmicrohttpd underneath; above it a request struct that
 * handlers read and fill, a routing table where every route names its permission,
 * and problem+json for every error. Handlers never talk to libmicrohttpd. */
#ifndef ZHIFA_HTTP_H
#define ZHIFA_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/auth.h"
#include "store/db.h"

struct config;

#define HTTP_MAX_PARAMS 4

struct req {
	void *conn;               /* struct MHD_Connection * */
	const char *method;
	const char *path;         /* without the query string */
	struct buf body;          /* request body, capped by config.max_body */
	int body_too_large;
	const char *params[HTTP_MAX_PARAMS]; /* {name} segments of the matched route, in order */
	char param_buf[256];
	struct principal who;     /* who.user_id == 0: anonymous */
	db_t *db;                 /* this worker thread's connection */
	const struct config *cfg;
	char request_id[40];
	struct zerr err;          /* set by a handler that returns -1 */
	/* the answer */
	int status;
	json_t *out;              /* JSON body (stolen by the server), or NULL */
	char *raw;                /* or a raw body (free()d by the server) */
	size_t raw_len;
	const char *raw_type;     /* its Content-Type */
	char location[160];       /* Location header for 201s, or "" */
	uint64_t started_ns;
	const struct route *route;
	void *state;              /* per-route scratch, freed with free() at completion */
	int reveal;               /* 1: this request may see unmasked personal data */
};

typedef int (*http_handler)(struct req *r);

/* Permissions a route may require. P_PUBLIC needs nothing; P_AUTH any signed-in
 * principal; the others are granted to roles by the table in domain/auth.c. */
enum perm {
	P_PUBLIC = 0,
	P_AUTH,
	P_REGION_READ,
	P_REGION_WRITE,
	P_AGENCY_READ,
	P_AGENCY_WRITE,
	P_OFFICER_READ,
	P_OFFICER_WRITE,
	P_OFFICER_PII,      /* may see unmasked ID numbers */
	P_CALENDAR_WRITE,
	P_LEDGER_READ,
	P_USER_ADMIN,
	P_METRICS,
	P_CATALOG_READ,     /* the enforcement-item catalog: public inside the platform */
	P_CATALOG_WRITE,    /* propose, approve, reject changes; import */
	P_CLAIM_WRITE,      /* claim catalog items for an agency, end claims */
	P__COUNT
};

struct route {
	const char *method;   /* "GET", "POST", ... */
	const char *pattern;  /* "/api/v1/agencies/{id}" */
	enum perm perm;
	http_handler fn;
	const char *summary;  /* a line for the docs */
};

/* The routing table (api/routes.c), ended by a NULL method. */
extern const struct route http_routes[];

/* Finds the route for method and path, filling params. Returns NULL with
 * *path_known set when the path exists under another method (→ 405). */
const struct route *http_route_match(const char *method, const char *path, struct req *r,
				     int *path_known);

/* Starts serving and blocks until SIGINT/SIGTERM. 0 on a clean stop. */
int http_serve(const struct config *cfg);

/* Reads a query parameter; NULL when absent. */
const char *http_query(struct req *r, const char *name);
/* Reads a request header; NULL when absent. */
const char *http_header(struct req *r, const char *name);

/* Parses body (len bytes, not NUL-terminated) as handlers see a request: one JSON
 * object, no repeated member names, containers nested at most max_depth deep (the
 * top object counts as 1). 0 with *obj_r (the caller's reference), or -1 with
 * 400 invalid_json in e and *obj_r NULL. */
int request_json_object(const char *body, size_t len, size_t max_depth, json_t **obj_r,
			struct zerr *e);
/* request_json_object on the request's body with config.max_json_depth, errors in r->err. */
int http_json_body(struct req *r, json_t **obj_r);

/* Sets a JSON answer; steals body. Returns 0. */
int http_reply(struct req *r, int status, json_t *body);

/* Pagination: limit (1..max, default def) and the opaque cursor (NULL at start). */
int http_page(struct req *r, int def, int max, int *limit_r, const char **cursor_r);

/* Writes the problem+json document for e into out (used also by tests and the CLI). */
json_t *http_problem_json(const struct zerr *e, const char *instance);

#endif
