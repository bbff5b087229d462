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

struct blob_writer {
	int fd;                       /* -1 when closed */
	char tmp_path[1100];          /* "" once renamed or removed */
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
/* Removes the temporary file (if any) and frees the hash state; harmless twice. */
void blob_writer_abort(struct blob_writer *w);

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
