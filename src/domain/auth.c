#include "domain/auth.h"

#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

#include "core/crypto.h"
#include "http/http.h"

const char *const auth_role_names[ROLE__COUNT] = {
	[ROLE_ADMIN - 1] = "admin",
	[ROLE_SUPERVISOR - 1] = "supervisor",
	[ROLE_CATALOG_ADMIN - 1] = "catalog_admin",
	[ROLE_AGENCY_HEAD - 1] = "agency_head",
	[ROLE_LEGAL_REVIEWER - 1] = "legal_reviewer",
	[ROLE_OFFICER - 1] = "officer",
	[ROLE_AUDITOR - 1] = "auditor",
	[ROLE__COUNT - 1] = NULL,
};

static const char *const roles_zh[ROLE__COUNT] = {
	[ROLE_NONE] = "",
	[ROLE_ADMIN] = "系统管理员",
	[ROLE_SUPERVISOR] = "执法监督人员",
	[ROLE_CATALOG_ADMIN] = "综合执法办",
	[ROLE_AGENCY_HEAD] = "执法机关负责人",
	[ROLE_LEGAL_REVIEWER] = "法制审核人员",
	[ROLE_OFFICER] = "执法人员",
	[ROLE_AUDITOR] = "审计/只读",
};

/* Names of enum perm (http.h), as `zhifa routes` prints them and the OpenAPI
 * document's x-permission repeats them. */
static const char *const perm_names[P__COUNT] = {
	[P_PUBLIC] = "public",
	[P_AUTH] = "auth",
	[P_REGION_READ] = "region_read",
	[P_REGION_WRITE] = "region_write",
	[P_AGENCY_READ] = "agency_read",
	[P_AGENCY_WRITE] = "agency_write",
	[P_OFFICER_READ] = "officer_read",
	[P_OFFICER_WRITE] = "officer_write",
	[P_OFFICER_PII] = "officer_pii",
	[P_CALENDAR_WRITE] = "calendar_write",
	[P_LEDGER_READ] = "ledger_read",
	[P_USER_ADMIN] = "user_admin",
	[P_METRICS] = "metrics",
	[P_CATALOG_READ] = "catalog_read",
	[P_CATALOG_WRITE] = "catalog_write",
	[P_EVIDENCE_READ] = "evidence_read",
	[P_EVIDENCE_WRITE] = "evidence_write",
	[P_EVIDENCE_SHARE] = "evidence_share",
	[P_DISCRETION_READ] = "discretion_read",
	[P_DISCRETION_WRITE] = "discretion_write",
	[P_CASE_READ] = "case_read",
	[P_CASE_WRITE] = "case_write",
	[P_CLAIM_WRITE] = "claim_write",
	[P_LEAD_DISPATCH] = "lead_dispatch",
	[P_CASE_CONFIG_WRITE] = "case_config_write",
	[P_PARTY_READ] = "party_read",
	[P_PARTY_WRITE] = "party_write",
};

/* Deny by default: each role's permissions, one bit per enum perm. */
#define B(p) (1u << (p))
#define READ_ALL (B(P_AUTH) | B(P_REGION_READ) | B(P_AGENCY_READ) | B(P_OFFICER_READ) | B(P_LEDGER_READ) | \
		  B(P_CATALOG_READ) | B(P_EVIDENCE_READ) | B(P_DISCRETION_READ))
#define CASES (B(P_CASE_READ) | B(P_CASE_WRITE) | PARTIES)
/* the party registry: whoever files leads, and the dispatchers of a fan-out, who name the
 * party without reading any agency's cases (lead_dispatch) */
#define PARTIES (B(P_PARTY_READ) | B(P_PARTY_WRITE))
static const unsigned grants[ROLE__COUNT] = {
	[ROLE_ADMIN] = READ_ALL | B(P_CASE_READ) | B(P_PARTY_READ) | B(P_REGION_WRITE) | B(P_AGENCY_WRITE) |
		       B(P_OFFICER_WRITE) | B(P_OFFICER_PII) | B(P_CALENDAR_WRITE) | B(P_USER_ADMIN) | B(P_METRICS) |
		       B(P_CATALOG_WRITE) | B(P_DISCRETION_WRITE) | B(P_CLAIM_WRITE) | B(P_CASE_CONFIG_WRITE),
	[ROLE_SUPERVISOR] = READ_ALL | B(P_CASE_READ) | B(P_METRICS) | B(P_LEAD_DISPATCH) | PARTIES,
	[ROLE_CATALOG_ADMIN] = READ_ALL | B(P_CATALOG_WRITE) | B(P_DISCRETION_WRITE) | B(P_CLAIM_WRITE) |
			       B(P_LEAD_DISPATCH) | PARTIES,
	[ROLE_AGENCY_HEAD] = READ_ALL | CASES | B(P_OFFICER_WRITE) | B(P_OFFICER_PII) | B(P_EVIDENCE_WRITE) |
			     B(P_EVIDENCE_SHARE) | B(P_CLAIM_WRITE) | B(P_CASE_CONFIG_WRITE),
	[ROLE_LEGAL_REVIEWER] = READ_ALL | CASES,
	[ROLE_OFFICER] = READ_ALL | CASES | B(P_EVIDENCE_WRITE) | B(P_EVIDENCE_SHARE),
	[ROLE_AUDITOR] = READ_ALL | B(P_CASE_READ) | B(P_PARTY_READ),
};
#undef PARTIES
#undef CASES
#undef B

const char *role_name(enum role r)
{
	return r > ROLE_NONE && r < ROLE__COUNT ? auth_role_names[r - 1] : "";
}

const char *role_zh(enum role r)
{
	return r > ROLE_NONE && r < ROLE__COUNT ? roles_zh[r] : "";
}

enum role role_parse(const char *s)
{
	int r;

	for (r = ROLE_NONE + 1; s && r < ROLE__COUNT; r++)
		if (strcmp(auth_role_names[r - 1], s) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

int role_can(enum role r, int perm)
{
	if (perm == P_PUBLIC)
		return 1;
	if (r <= ROLE_NONE || r >= ROLE__COUNT || perm < 0 || perm >= P__COUNT)
		return 0;
	return (grants[r] >> perm) & 1;
}

const char *perm_name(int perm)
{
	return perm >= 0 && perm < P__COUNT ? perm_names[perm] : NULL;
}

void region_prefix(const char *code, char *out, size_t outlen)
{
	size_t n = code ? strlen(code) : 0, keep;

	out[0] = '\0';
	if (n != 6 && n != 12)
		return;
	if (n == 12)
		keep = strcmp(code + 9, "000") != 0 ? 12 : 9;
	else if (strcmp(code + 2, "0000") == 0)
		keep = 2;
	else if (strcmp(code + 4, "00") == 0)
		keep = 4;
	else
		keep = 6;
	if (keep < outlen)
		snprintf(out, outlen, "%.*s", (int)keep, code);
}

int principal_sees_agency(const struct principal *p, const char *agency_pid, const char *region_code)
{
	if (!p->user_id)
		return 0;
	if (p->agency_pid[0] && agency_pid && strcmp(p->agency_pid, agency_pid) == 0)
		return 1;
	return role_has_region_scope(p->role) && strcmp(p->region_prefix, "-") != 0 && region_code &&
	       strncmp(region_code, p->region_prefix, strlen(p->region_prefix)) == 0;
}

int role_has_region_scope(enum role r)
{
	switch (r) {
	case ROLE_ADMIN:
	case ROLE_SUPERVISOR:
	case ROLE_AUDITOR:
	case ROLE_CATALOG_ADMIN:
		return 1;
	default:
		return 0;
	}
}

int auth_username_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 3 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '.' || s[i] == '-'))
			return 0;
	return 1;
}

int auth_password_ok(const char *s)
{
	int letter = 0, digit = 0;
	size_t n = 0;

	for (; s && *s; s++, n++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			letter = 1;
		else if (*s >= '0' && *s <= '9')
			digit = 1;
	}
	return n >= AUTH_MIN_PASSWORD && n <= AUTH_MAX_PASSWORD && letter && digit;
}

void utc_now_iso(char *out, size_t outlen, long offset_secs)
{
	struct timespec ts;
	struct tm tm;
	time_t t;
	char base[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	t = ts.tv_sec + offset_secs;
	gmtime_r(&t, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, outlen, "%s.%03ldZ", base, ts.tv_nsec / 1000000);
}

/* Fills p from a users row joined with its agency: id, role, agency_id, region_code,
 * username, agency public id, agency region. */
static void principal_from_row(db_stmt_t *st, struct principal *p)
{
	const char *scope = db_col_text(st, 3);

	memset(p, 0, sizeof(*p));
	p->user_id = db_col_int(st, 0);
	p->role = role_parse(db_col_text(st, 1));
	p->agency_id = db_col_int(st, 2);
	if (!scope)
		scope = db_col_text(st, 6); /* no explicit scope: the agency's own region */
	if (scope)
		region_prefix(scope, p->region_prefix, sizeof(p->region_prefix));
	/* Deny by default: no scope at all means nothing, except for an admin without a
	 * region, who administers the whole installation (the "" prefix matches all). */
	if (!p->region_prefix[0] && !(p->role == ROLE_ADMIN && !scope))
		snprintf(p->region_prefix, sizeof(p->region_prefix), "-");
	snprintf(p->username, sizeof(p->username), "%s", db_col_text(st, 4) ? db_col_text(st, 4) : "");
	snprintf(p->agency_pid, sizeof(p->agency_pid), "%s", db_col_text(st, 5) ? db_col_text(st, 5) : "");
}

#define PRINCIPAL_SQL                                                                        \
	"SELECT u.id, u.role, u.agency_id, u.region_code, u.username, a.public_id, a.region_code" \
	" FROM users u LEFT JOIN agencies a ON a.id = u.agency_id"

static int principal_load(db_t *db, int64_t uid, struct principal *p, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, PRINCIPAL_SQL " WHERE u.id = ?");
	int rc;

	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_int(st, 1, uid);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_set(e, 401, "unauthenticated", "请先登录 (sign in first)")
				   : db_zerr(db, rc, e);
	principal_from_row(st, p);
	db_run(st);
	return 0;
}

int auth_principal_of(db_t *db, const char *username, struct principal *p, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, PRINCIPAL_SQL " WHERE u.username = ?");
	int rc;

	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, username);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_set(e, 404, "not_found", "没有账户 %s (no such account)", username)
				   : db_zerr(db, rc, e);
	principal_from_row(st, p);
	db_run(st);
	return 0;
}

int auth_login(db_t *db, const char *username, const char *password, char *token,
	       char *expires_at, struct principal *p, struct zerr *e)
{
	char now[32], hash[72], stored[160], locked[32] = "";
	db_stmt_t *st;
	int64_t uid;
	int rc, fails, ok;

	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "SELECT u.id, u.password_hash, u.failed_logins, u.locked_until, u.disabled"
			    " FROM users u WHERE u.username = ?");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, username);
	rc = db_step(st);
	if (rc != DB_ROW) {
		if (rc != DB_OK)
			return db_zerr(db, rc, e);
		/* same work and answer as a wrong password, so names cannot be probed */
		password_verify(password, "scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
		return zerr_set(e, 401, "bad_credentials", "用户名或密码错误 (wrong username or password)");
	}
	uid = db_col_int(st, 0);
	snprintf(stored, sizeof(stored), "%s", db_col_text(st, 1));
	fails = (int)db_col_int(st, 2);
	if (!db_col_isnull(st, 3))
		snprintf(locked, sizeof(locked), "%s", db_col_text(st, 3));
	if (db_col_int(st, 4)) {
		db_run(st);
		return zerr_set(e, 403, "account_disabled", "账号已停用 (account disabled)");
	}
	db_run(st);
	if (locked[0] && strcmp(locked, now) > 0)
		return zerr_set(e, 423, "account_locked",
				"连续登录失败次数过多，账号已锁定至 %s (UTC)，请稍后再试 (account locked)", locked);
	ok = password_verify(password, stored) == 1;
	if (!ok) {
		fails++;
		if (fails >= AUTH_MAX_FAILS)
			utc_now_iso(locked, sizeof(locked), AUTH_LOCK_SECONDS);
		st = db_prepare(db, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?");
		if (!st)
			return db_zerr(db, DB_ERROR, e);
		db_bind_int(st, 1, fails >= AUTH_MAX_FAILS ? 0 : fails);
		db_bind_text(st, 2, fails >= AUTH_MAX_FAILS ? locked : NULL);
		db_bind_int(st, 3, uid);
		db_run(st);
		if (fails >= AUTH_MAX_FAILS)
			return zerr_set(e, 423, "account_locked",
					"连续 %d 次登录失败，账号已锁定 %d 分钟 (account locked)",
					AUTH_MAX_FAILS, AUTH_LOCK_SECONDS / 60);
		return zerr_set(e, 401, "bad_credentials", "用户名或密码错误 (wrong username or password)");
	}
	if (token_new(token, hash) < 0)
		return zerr_internal(e, "random");
	utc_now_iso(expires_at, 32, AUTH_TOKEN_SECONDS);
	if (db_begin(db, 1) != DB_OK)
		return db_zerr(db, DB_RETRY, e);
	st = db_prepare(db, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?");
	if (!st)
		goto dberr;
	db_bind_int(st, 1, uid);
	if (db_run(st) != DB_OK)
		goto dberr;
	/* the user's expired sessions go now, so the table holds live sessions only */
	st = db_prepare(db, "DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?");
	if (!st)
		goto dberr;
	db_bind_int(st, 1, uid);
	db_bind_text(st, 2, now);
	if (db_run(st) != DB_OK)
		goto dberr;
	st = db_prepare(db, "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)");
	if (!st)
		goto dberr;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, uid);
	db_bind_text(st, 3, expires_at);
	db_bind_text(st, 4, now);
	if (db_run(st) != DB_OK || db_commit(db) != DB_OK)
		goto dberr;
	return principal_load(db, uid, p, e);
dberr:
	db_rollback(db);
	return db_zerr(db, DB_ERROR, e);
}

static const char *bearer(const char *authorization)
{
	if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0)
		return NULL;
	authorization += 7;
	while (*authorization == ' ')
		authorization++;
	return *authorization && strlen(authorization) < 128 ? authorization : NULL;
}

/* ---- the principal cache ----
 * Each thread keeps the principals of the last few tokens it resolved, for at most
 * AUTH_CACHE_MS. An entry is only used while the process's auth epoch is unchanged:
 * auth_changed() (called after every state-changing request, logout included) bumps
 * it, so a logout, a disabled account or a changed role take effect at once for
 * requests to this process; a change made elsewhere (the CLI, another server on the
 * same PostgreSQL) within AUTH_CACHE_MS, as does a session's expiry. */
#define AUTH_CACHE_SLOTS 16

struct auth_cached {
	char hash[72];      /* token hash, "" = empty slot */
	uint64_t epoch;     /* the epoch read before the look-up that filled it */
	uint64_t until_ms;  /* monotonic ms after which it is stale */
	struct principal p;
};

static _Atomic uint64_t auth_epoch = 1;
static _Thread_local struct auth_cached auth_cache[AUTH_CACHE_SLOTS];

void auth_changed(void)
{
	atomic_fetch_add(&auth_epoch, 1);
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static struct auth_cached *cache_slot(const char *hash)
{
	uint32_t h = 2166136261u;

	for (; *hash; hash++)
		h = (h ^ (unsigned char)*hash) * 16777619u;
	return &auth_cache[h % AUTH_CACHE_SLOTS];
}

static void cache_put(const char *hash, uint64_t epoch, const struct principal *p)
{
	struct auth_cached *c = cache_slot(hash);

	snprintf(c->hash, sizeof(c->hash), "%s", hash);
	c->epoch = epoch;
	c->until_ms = mono_ms() + AUTH_CACHE_MS;
	c->p = *p;
}

int auth_resolve(db_t *db, const char *authorization, struct principal *p, struct zerr *e)
{
	const char *tok = bearer(authorization);
	char hash[72], now[32];
	struct auth_cached *c;
	uint64_t epoch;
	db_stmt_t *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!tok)
		return zerr_set(e, 401, "unauthenticated", "请先登录 (sign in first)");
	token_hash(tok, hash);
	epoch = atomic_load(&auth_epoch);
	c = cache_slot(hash);
	if (c->hash[0] && c->epoch == epoch && strcmp(c->hash, hash) == 0 && mono_ms() < c->until_ms) {
		*p = c->p;
		return 0;
	}
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, PRINCIPAL_SQL " JOIN sessions s ON s.user_id = u.id"
			    " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		principal_from_row(st, p);
		db_run(st);
		cache_put(hash, epoch, p);
		return 0;
	}
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	st = db_prepare(db, PRINCIPAL_SQL " JOIN api_keys k ON k.user_id = u.id"
			    " WHERE k.key_hash = ? AND k.revoked = 0 AND u.disabled = 0");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, hash);
	rc = db_step(st);
	if (rc == DB_ROW) {
		principal_from_row(st, p);
		p->via_api_key = 1;
		db_run(st);
		cache_put(hash, epoch, p);
		return 0;
	}
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	/* say why when the token was a real session: its time ran out */
	st = db_prepare(db, "SELECT 1 FROM sessions WHERE token_hash = ? AND expires_at <= ?");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		return zerr_set(e, 401, "unauthenticated", "登录已过期，请重新登录 (session expired)");
	}
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	return zerr_set(e, 401, "unauthenticated", "令牌无效或已失效，请重新登录 (invalid token)");
}

int auth_logout(db_t *db, const char *authorization)
{
	const char *tok = bearer(authorization);
	char hash[72];
	db_stmt_t *st;
	int rc;

	if (!tok)
		return -1;
	token_hash(tok, hash);
	st = db_prepare(db, "DELETE FROM sessions WHERE token_hash = ?");
	if (!st)
		return -1;
	db_bind_text(st, 1, hash);
	rc = db_run(st);
	auth_changed();
	return rc == DB_OK ? 0 : -1;
}

int64_t auth_user_add(db_t *db, const char *username, const char *display_name, enum role role,
		      int64_t agency_id, const char *region_code, const char *password,
		      struct zerr *e)
{
	char hash[160], now[32];
	db_stmt_t *st;
	int64_t id = -1;
	int rc;

	if (!username || !auth_username_ok(username))
		return zerr_field(e, "username", "%s", AUTH_USERNAME_MSG);
	if (role == ROLE_NONE)
		return zerr_field(e, "role", "未知角色 (unknown role)");
	if (!auth_password_ok(password))
		return zerr_field(e, "password", "%s", AUTH_PASSWORD_MSG);
	if (password_hash(password, hash, sizeof(hash)) < 0)
		return zerr_internal(e, "scrypt");
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "INSERT INTO users (username, display_name, role, agency_id, region_code,"
			    " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, username);
	db_bind_text(st, 2, display_name);
	db_bind_text(st, 3, role_name(role));
	if (agency_id)
		db_bind_int(st, 4, agency_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, region_code);
	db_bind_text(st, 6, hash);
	db_bind_text(st, 7, now);
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(db, rc == DB_OK ? DB_ERROR : rc, e);
	id = db_col_int(st, 0);
	db_run(st);
	return id;
}

int auth_set_password(db_t *db, const char *username, const char *password, struct zerr *e)
{
	char hash[160];
	db_stmt_t *st;
	int rc;

	if (!auth_password_ok(password))
		return zerr_field(e, "password", "%s", AUTH_PASSWORD_MSG);
	if (password_hash(password, hash, sizeof(hash)) < 0)
		return zerr_internal(e, "scrypt");
	st = db_prepare(db, "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL"
			    " WHERE username = ?");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, username);
	rc = db_run(st);
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	if (db_changes(st) != 1)
		return zerr_not_found(e, "用户 (user)");
	/* a new password ends every session signed in with the old one */
	st = db_prepare(db, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, username);
	rc = db_run(st);
	return rc == DB_OK ? 0 : db_zerr(db, rc, e);
}

int auth_apikey_add(db_t *db, const char *username, const char *name, char *key_out,
		    struct zerr *e)
{
	char hash[72], now[32];
	db_stmt_t *st;
	int rc;

	if (token_new(key_out, hash) < 0)
		return zerr_internal(e, "random");
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "INSERT INTO api_keys (key_hash, user_id, name, created_at)"
			    " SELECT ?, id, ?, ? FROM users WHERE username = ?");
	if (!st)
		return db_zerr(db, DB_ERROR, e);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, username);
	rc = db_run(st);
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	return db_changes(st) == 1 ? 0 : zerr_not_found(e, "用户 (user)");
}
