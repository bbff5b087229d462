/* blob.h: the evidence object store (architecture §6). Blobs are write-once and
 * content-addressed under the data directory: objects/sha256/<aa>/<bb>/<hex>. A blob
 * is written to a temporary file in objects/tmp (the same file system), hashed with
 * SHA-256 and SM3 while the bytes arrive, fsync'd, and renamed into place only once
 * its digest is final; identical bytes are stored once. Nothing half-written ever
 * has a content address, so nothing half-stored can be served. */
#ifndef ZHIFA_BLOB_H
#define ZHIFA_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define BLOB_HEX_LEN 64
/* Bytes kept from the start of a blob for media-type sniffing. */
#define BLOB_HEAD_MAX 8192
/* Past this many bytes SM3 moves to a helper thread fed through BLOB_PAR_BUFS buffers
 * of BLOB_PAR_SIZE bytes (SM3 is four times slower than SHA-256 with SHA-NI): memory
 * per upload stays bounded, whatever the file's size. */
#define BLOB_PAR_AFTER (1u << 20)
#define BLOB_PAR_BUFS 4
#define BLOB_PAR_SIZE (128u * 1024)

struct blob_par;
struct blob_hash;

struct blob_writer {
	int fd;                       /* -1 when closed */
	char tmp_path[1100];          /* "" once renamed or removed */
	int resumable;                /* a partial upload's file: kept on abort */
	char data_dir[512];
	uint64_t size, max;
	void *sha, *sm3;              /* EVP_MD_CTX * */
	struct blob_par *par;         /* SM3 on a helper thread, or NULL */
	unsigned char head[BLOB_HEAD_MAX];
	size_t head_len;
};

/* Writes the path of the blob whose SHA-256 is hex (64 lowercase hex digits) into out:
 * <data_dir>/objects/sha256/<aa>/<bb>/<hex>. -1 when hex is not such a digest (so no
 * input can name a path outside the store) or out is too small. */
int blob_path(const char *data_dir, const char *hex, char *out, size_t outlen);

/* Opens a new temporary blob in data_dir/objects/tmp that accepts at most max bytes.
 * 0, or -1 with e set (500). w must be released with blob_writer_abort or finished. */
int blob_writer_open(struct blob_writer *w, const char *data_dir, uint64_t max, struct zerr *e);
/* Appends n bytes, hashing them. -1 with e set: 413 upload_too_large past max (the
 * caller then aborts), 500 on a write error. */
int blob_writer_add(struct blob_writer *w, const void *p, size_t n, struct zerr *e);
/* Completes the blob: final digests (hex, 65 bytes each); when expect_sha256 is not
 * NULL and differs, 400 digest_mismatch and nothing is stored; else fsync, rename
 * into its content address (when the same bytes are already stored the temporary file
 * is removed instead) and fsync of the directory. 0, or -1 with e set (the temporary
 * file is then removed). */
int blob_writer_finish(struct blob_writer *w, const char *expect_sha256, char sha256_hex[65],
		       char sm3_hex[65], struct zerr *e);
/* Removes the temporary file (if any; a resumable one is kept) and frees the hash
 * state; harmless twice. */
void blob_writer_abort(struct blob_writer *w);

/* Resumable uploads (tus): a partial blob lives in data_dir/objects/tmp/<name> between
 * requests (name: letters, digits, '-' only). Opens that file (creating it when create
 * is set) under an exclusive non-blocking lock (flock: two requests, of this process or
 * another, never write one upload at once). The open descriptor, or -1 with e set:
 * 423 upload_locked while another request holds it, 404 not_found when it is missing
 * and create is not set, 500 otherwise. The lock ends when the descriptor is closed. */
int blob_partial_open(const char *data_dir, const char *name, int create, struct zerr *e);
/* Removes data_dir/objects/tmp/<name> (an ended or expired resumable upload; the caller
 * holds its lock). */
void blob_partial_unlink(const char *data_dir, const char *name);
/* Continues the partial blob name, whose locked descriptor fd (blob_partial_open)
 * becomes w's: cuts the file back to offset (bytes past the acknowledged offset were
 * never confirmed to the client) and continues the digests from *state when it holds
 * one (taken over; it must cover exactly the first offset bytes), else by re-hashing
 * those bytes; the first BLOB_HEAD_MAX are read back for sniffing. The writer accepts
 * bytes up to max in all. 0, or -1 with e set (fd closed, *state released); 500
 * partial_missing when the file is shorter than offset. */
int blob_writer_resume(struct blob_writer *w, const char *data_dir, const char *name, int fd,
		       uint64_t offset, uint64_t max, struct blob_hash *state, struct zerr *e);
/* fsync of the bytes added so far (before an offset is acknowledged). 0 or -1 (e). */
int blob_writer_sync(struct blob_writer *w, struct zerr *e);
/* Ends this request's hold on a resumable blob, keeping its file: the digest state
 * goes to *state_r (NULL: freed), the file is closed and its lock released. Harmless
 * twice. blob_writer_finish instead completes it (renamed into the store or removed). */
void blob_writer_suspend(struct blob_writer *w, struct blob_hash *state_r);

/* Objects derived from a blob (thumbnails): data_dir/objects/derived/<aa>/<bb>/<hex>-<name>,
 * addressed by the source blob's SHA-256 hex and a name ([a-z0-9.]+) for the kind of
 * derivation. -1 when hex or name is not such, or out is too small. */
int blob_derived_path(const char *data_dir, const char *hex, const char *name, char *out,
		      size_t outlen);
/* Stores n bytes at the derived path of (hex, name), atomically (a temporary file
 * renamed into place; a concurrent writer of the same bytes is harmless). 0 or -1 (e). */
int blob_derived_put(const char *data_dir, const char *hex, const char *name, const void *p,
		     size_t n, struct zerr *e);

/* Removes temporary files in data_dir/objects/tmp older than max_age seconds: what a
 * crashed process left (younger ones may be uploads of another server process sharing
 * the directory). Returns how many were removed. */
int blob_sweep_tmp(const char *data_dir, long max_age);

/* Re-hashes the stored blob hex: 0 when its SHA-256 (and, when sm3_hex is not NULL,
 * SM3) match and, when size >= 0, its size; 1 when it does not match; 2 when it is
 * missing; -1 on another error (e set). */
int blob_check(const char *data_dir, const char *hex, const char *sm3_hex, int64_t size,
	       struct zerr *e);

/* Incremental SHA-256 + SM3 of bytes leaving the system (downloads). */
struct blob_hash {
	void *sha, *sm3;
};
int blob_hash_init(struct blob_hash *h);
void blob_hash_add(struct blob_hash *h, const void *p, size_t n);
/* Writes the hex digests (either out may be NULL) and frees the state. */
void blob_hash_final(struct blob_hash *h, char sha256_hex[65], char sm3_hex[65]);
/* Frees the state without a result; harmless twice. */
void blob_hash_release(struct blob_hash *h);

#endif
