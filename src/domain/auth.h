/* auth.h: accounts, roles, permissions and scopes. Deny by default: a role has a
 * permission only when the table in auth.c grants it. */
#ifndef ZHIFA_AUTH_H
#define ZHIFA_AUTH_H

#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

enum role {
	ROLE_NONE = 0,
	ROLE_ADMIN,
	ROLE_SUPERVISOR,
	ROLE_CATALOG_ADMIN,
	ROLE_AGENCY_HEAD,
	ROLE_LEGAL_REVIEWER,
	ROLE_OFFICER,
	ROLE_AUDITOR,
	ROLE__COUNT
};

/* Who is calling. user_id == 0 means anonymous. */
struct principal {
	int64_t user_id;
	enum role role;
	int64_t agency_id;        /* internal id of the agency the user acts for, 0 if none */
	char agency_pid[40];      /* its public id */
	char region_prefix[16];   /* region scope as a code prefix ("3301"); "-" = none;
				     "" = everywhere (only an admin without a region) */
	char username[64];
	int via_api_key;
};

/* Role names as they travel in JSON ("admin", "officer" ...) and their Chinese names. */
const char *role_name(enum role r);
const char *role_zh(enum role r);
enum role role_parse(const char *s);
/* The role names in enum order from ROLE_NONE + 1, ended by NULL (a JSON enum). */
extern const char *const auth_role_names[ROLE__COUNT];

/* 1 when role r holds permission p (enum perm from http.h, passed as int). */
int role_can(enum role r, int perm);
/* The permission's name as the routing table is documented ("public", "region_read"
 * ...: the lowercase enum name without P_); NULL for a value outside enum perm. */
const char *perm_name(int perm);

/* The prefix that a region code's descendants share: 330000 → "33", 330100 → "3301",
 * 330106 → "330106", 330106001000 → "330106001". "" for an invalid code. */
void region_prefix(const char *code, char *out, size_t outlen);

/* 1 when the principal may see records of the agency with that public id and region
 * code: its own agency, or (supervisor, admin, auditor, catalog admin) any agency inside
 * its region scope. */
int principal_sees_agency(const struct principal *p, const char *agency_pid, const char *region_code);
/* 1 when the role's scope is a region (not only its own agency). */
int role_has_region_scope(enum role r);

/* Login policy. */
#define AUTH_MAX_FAILS 5          /* consecutive failures before the lockout */
#define AUTH_LOCK_SECONDS 900     /* lockout length */
#define AUTH_TOKEN_SECONDS 43200  /* bearer token lifetime (12 h) */

/* Account rules, one place for the API, the importer and the CLI. */
#define AUTH_MIN_PASSWORD 10
#define AUTH_MAX_PASSWORD 256
#define AUTH_USERNAME_MSG "用户名应为 3–32 位小写字母、数字或 _ . - (username: [a-z0-9_.-]{3,32})"
#define AUTH_PASSWORD_MSG "密码至少 10 位，且须同时包含字母和数字 (at least 10 characters with letters and digits)"
/* 1 when s is a valid username: [a-z0-9_.-]{3,32}. */
int auth_username_ok(const char *s);
/* 1 when s is an acceptable password: AUTH_MIN_PASSWORD..AUTH_MAX_PASSWORD bytes with
 * at least one ASCII letter and one digit. */
int auth_password_ok(const char *s);

/* Checks username/password. On success writes a new session token (plain, 64 bytes)
 * and its expiry (ISO-8601 UTC, 32 bytes) and fills p. Failures: 401 bad_credentials,
 * 423 account_locked (after AUTH_MAX_FAILS failures, for AUTH_LOCK_SECONDS). */
int auth_login(db_t *db, const char *username, const char *password, char *token,
	       char *expires_at, struct principal *p, struct zerr *e);
/* Resolves "Bearer TOKEN" (session or API key). 401 when missing, unknown or expired;
 * the detail says so when the token is a session whose time ran out. A resolved
 * principal is kept in a small per-thread cache for AUTH_CACHE_MS and only until the
 * next auth_changed(): see auth.c. */
int auth_resolve(db_t *db, const char *authorization, struct principal *p, struct zerr *e);
/* The principal of an account by username, as auth_resolve gives it for its token (for the
 * CLI's demo and bench, which act as accounts without signing in); 404 when none. */
int auth_principal_of(db_t *db, const char *username, struct principal *p, struct zerr *e);
#define AUTH_CACHE_MS 1000
/* Invalidates every thread's cached principals. The server calls it after every
 * request that may change state (any method but GET and HEAD), and auth_logout does. */
void auth_changed(void);
int auth_logout(db_t *db, const char *authorization);

/* Creates a user (password hashed with scrypt) after checking username, role and
 * password by the rules above. agency_id 0 = none. Returns its id, or -1 with e set
 * (409 conflict for a username already taken). */
int64_t auth_user_add(db_t *db, const char *username, const char *display_name, enum role role,
		      int64_t agency_id, const char *region_code, const char *password,
		      struct zerr *e);
/* Sets a user's password (checked by auth_password_ok) and clears lockout. */
int auth_set_password(db_t *db, const char *username, const char *password, struct zerr *e);
/* Makes an API key for a user; writes the plain key (64 bytes) once. */
int auth_apikey_add(db_t *db, const char *username, const char *name, char *key_out,
		    struct zerr *e);

/* Current UTC instant as "YYYY-MM-DDTHH:MM:SS.mmmZ" (out: 32 bytes), offset by secs. */
void utc_now_iso(char *out, size_t outlen, long offset_secs);

#endif
