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
#define HTTP_MAX_HEADERS 6

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
	char type_buf[128];       /* room for a Content-Type made per request */
	char location[160];       /* Location header for 201s, or "" */
	uint64_t started_ns;
	const struct route *route;
	void *state;              /* per-route scratch, freed with free() at completion (a
				     streaming route's release hook frees its own) */
	int reveal;               /* 1: this request may see unmasked personal data */
	/* a streaming route (route.stream): the body is handed to its hooks, never kept */
	int streaming, stream_began, stream_failed;
	/* or an answer body produced by a reader while it is sent (downloads) */
	uint64_t reader_size;
	long (*reader)(void *cls, uint64_t pos, char *buf, size_t max);
	void (*reader_free)(void *cls);
	void *reader_cls;
	struct {
		char name[40];
		char value[400];
	} hdr[HTTP_MAX_HEADERS];  /* extra answer headers */
	int nhdr;
};

/* What a body reader returns at the end, and to abort the answer (the client then
 * sees a truncated body and a closed connection). */
#define HTTP_READER_END (-1L)
#define HTTP_READER_ERROR (-2L)

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
	P_EVIDENCE_READ,    /* read evidence the caller's agency owns, oversees or was granted */
	P_EVIDENCE_WRITE,   /* upload, describe, attach and preserve evidence */
	P_EVIDENCE_SHARE,   /* grant or revoke another agency's use of own evidence */
	P_DISCRETION_READ,  /* discretion benchmarks: read, evaluate (Art 34: published) */
	P_DISCRETION_WRITE, /* load a new benchmark version */
	P_CASE_READ,        /* cases and a party's case history (agency users: their agency; region roles: their region) */
	P_CASE_WRITE,       /* register leads, take steps (the domain checks the role per step) */
	P_CLAIM_WRITE,      /* claim catalog items for an agency, end claims */
	P_LEAD_DISPATCH,    /* fan a complaint/hotline lead out to the agencies of the region */
	P_CASE_CONFIG_WRITE, /* set an agency's case configuration (head: own agency; admin) */
	P_PARTY_READ,        /* search the party registry (GET /parties), without reading cases */
	P_PARTY_WRITE,       /* register a party (POST /parties), without writing cases */
	P__COUNT
};

/* Hooks of a streaming route, whose request body is never buffered: memory stays
 * independent of the body's size. The server resolves the route, the principal and
 * the permission from the headers, before the first byte of the body is accepted. */
struct http_stream {
	/* Called once the caller may use the route, before any byte of the body: 0 to
	 * accept it, -1 with r->err set to refuse (the body is then read and discarded). */
	int (*begin)(struct req *r);
	/* Called with each piece of the body as it arrives; -1 with r->err set stops
	 * (the rest is discarded and the error answered). */
	int (*chunk)(struct req *r, const char *p, size_t n);
	/* Called exactly once at the end of every request whose begin was called,
	 * whatever happened (answered, refused, client gone): frees r->state and removes
	 * anything the request did not complete. The route's handler (fn) runs before it,
	 * only when the whole body arrived and every chunk was accepted. */
	void (*release)(struct req *r);
};

struct route {
	const char *method;   /* "GET", "POST", ... */
	const char *pattern;  /* "/api/v1/agencies/{id}" */
	enum perm perm;
	http_handler fn;
	const char *summary;  /* a line for the docs */
	const struct http_stream *stream; /* NULL: the body is buffered up to max_body */
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
/* Adds a header to the answer (at most HTTP_MAX_HEADERS; longer values are cut). */
void http_add_header(struct req *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* request_json_object on the request's body with config.max_json_depth, errors in r->err. */
int http_json_body(struct req *r, json_t **obj_r);

/* Sets a JSON answer; steals body. Returns 0. */
int http_reply(struct req *r, int status, json_t *body);

/* Pagination: limit (1..max, default def) and the opaque cursor (NULL at start). */
int http_page(struct req *r, int def, int max, int *limit_r, const char **cursor_r);

/* Writes the problem+json document for e into out (used also by tests and the CLI). */
json_t *http_problem_json(const struct zerr *e, const char *instance);

#endif
