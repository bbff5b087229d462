/* evidence.h: what the evidence handlers share with the court export and the tests. */
#ifndef ZHIFA_API_EVIDENCE_H
#define ZHIFA_API_EVIDENCE_H

#include <stdint.h>

#include "core/date.h"
#include "http/http.h"
#include "store/blob.h"

/* A piece of evidence as the caller may use it. */
struct ev {
	int64_t row_id, owner_id;
	char pid[40], owner_pid[40], owner_region[16];
	char sha[65], sm3[65], media[128], filename[256], kind[32];
	int64_t size;
	int own;      /* the caller's agency collected it */
	int granted;  /* the caller's agency holds a grant in force today */
};

/* Today in China (UTC+8) as YYYY-MM-DD. */
void evidence_today(char out[ZDATE_STRLEN]);
/* Loads evidence pid if the caller may see it: its own agency's, inside its region
 * scope, or granted to its agency (a grant in force today). 404 otherwise. */
int evidence_load(struct req *r, const char *pid, struct ev *ev);
/* Inside the caller's write transaction: a custody entry (action, e.g.
 * "evidence.download") about evidence pid committing to its current state. */
int evidence_custody_note(struct req *r, const char *pid, const char *action, int64_t *seq_r,
			  struct zerr *e);
/* The media type libmagic reads from the first bytes of a file. */
void evidence_sniff(const void *p, size_t n, char *out, size_t outlen);
/* Parses a single "bytes=" Range against size: 1 with *start and *len; 0 to serve the
 * whole file (no header, a malformed one, or several ranges); -1 not satisfiable. */
int evidence_range(const char *h, uint64_t size, uint64_t *start, uint64_t *len);
/* Answers with len bytes of fd from start, streamed (fd is closed at the end, also on
 * error). With expect_sha256 (a full read) the bytes are re-hashed as they leave and
 * the answer is broken off before its last piece when they no longer match. */
int evidence_serve_fd(struct req *r, int fd, uint64_t start, uint64_t len, const char *expect_sha256,
		      const char *pid);
/* Where upload metadata comes from (the query string, or tus Upload-Metadata): the
 * value of a member, or NULL. */
typedef const char *(*evidence_meta_get)(void *ctx, const char *name);
/* Decodes an upload's metadata (kind, case_id, inspection_id, filename, description,
 * collected_at, place_address, device, lat_e6, lng_e6, collectors comma-separated) into
 * *clean_r and checks the collectors (行政处罚法 Art 42). 0, or -1 with field errors
 * in r->err (*clean_r is then still the caller's to free). */
int evidence_meta_decode(struct req *r, evidence_meta_get get, void *ctx, json_t **clean_r);
/* A declared SHA-256 in hex (either case) into out in lowercase; a field error named
 * field otherwise. */
int evidence_hex_digest(const char *h, const char *field, char out[65], struct zerr *e);
/* The lowercase essence of a Content-Type ("image/jpeg" of "Image/JPEG; q=1"). */
void evidence_media_essence(const char *ct, char *out, size_t outlen);
/* Finishes w into the store (400 digest_mismatch when expect is set and differs) and
 * adds the stored facts (size, digests, sniffed media type, declared type, owner,
 * uploader) to clean, ready for the evidence insert. 0, or -1 with r->err set. */
int evidence_complete(struct req *r, struct blob_writer *w, json_t *clean, const char *declared,
		      const char *expect);
/* Adds "Content-Disposition: attachment" with the file name (RFC 8187). */
void evidence_disposition(struct req *r, const char *name);

#endif
