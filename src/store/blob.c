/* blob.c: the content-addressed evidence store. */
#include "store/blob.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.h"

static int is_hex64(const char *s)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < BLOB_HEX_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[BLOB_HEX_LEN] == '\0';
}

int blob_path(const char *data_dir, const char *hex, char *out, size_t outlen)
{
	int n;

	if (!is_hex64(hex))
		return -1;
	n = snprintf(out, outlen, "%s/objects/sha256/%.2s/%.2s/%s", data_dir, hex, hex + 2, hex);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

/* mkdir -p of path's first len bytes' components. */
static int mkdirs(const char *path)
{
	char tmp[1100];
	size_t i, n = strlen(path);

	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];

			tmp[i] = '\0';
			if (mkdir(tmp, 0750) < 0 && errno != EEXIST)
				return -1;
			tmp[i] = c;
		}
	}
	return 0;
}

static void *md_new(const char *name)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	const EVP_MD *md = EVP_get_digestbyname(name);

	if (!c || !md || EVP_DigestInit_ex(c, md, NULL) != 1) {
		EVP_MD_CTX_free(c);
		return NULL;
	}
	return c;
}

static void md_hex(void *ctx, char out[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(ctx, d, &n) != 1 || n != 32)
		out[0] = '\0';
	else
		hex_encode(d, 32, out);
}

int blob_hash_init(struct blob_hash *h)
{
	h->sha = md_new("SHA256");
	h->sm3 = md_new("SM3");
	if (!h->sha || !h->sm3) {
		blob_hash_release(h);
		return -1;
	}
	return 0;
}

void blob_hash_add(struct blob_hash *h, const void *p, size_t n)
{
	EVP_DigestUpdate(h->sha, p, n);
	EVP_DigestUpdate(h->sm3, p, n);
}

void blob_hash_final(struct blob_hash *h, char sha256_hex[65], char sm3_hex[65])
{
	char tmp[65];

	md_hex(h->sha, sha256_hex ? sha256_hex : tmp);
	md_hex(h->sm3, sm3_hex ? sm3_hex : tmp);
	blob_hash_release(h);
}

void blob_hash_release(struct blob_hash *h)
{
	EVP_MD_CTX_free(h->sha);
	EVP_MD_CTX_free(h->sm3);
	h->sha = h->sm3 = NULL;
}

/* ---- SM3 on a helper thread: a bounded ring of buffers, one producer, one consumer ---- */

struct blob_par {
	pthread_t thr;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned char *buf[BLOB_PAR_BUFS];
	size_t len[BLOB_PAR_BUFS];
	unsigned long produced, consumed; /* buffers handed over / hashed */
	size_t fill;                      /* bytes in the buffer being filled */
	int done;                         /* no more buffers will come */
	void *sm3;                        /* owned by the thread while it runs */
};

static void *par_main(void *arg)
{
	struct blob_par *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		unsigned i;

		while (p->consumed == p->produced && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->consumed == p->produced)
			break;
		i = (unsigned)(p->consumed % BLOB_PAR_BUFS);
		pthread_mutex_unlock(&p->mu);
		EVP_DigestUpdate(p->sm3, p->buf[i], p->len[i]);
		pthread_mutex_lock(&p->mu);
		p->consumed++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Starts the helper thread that continues the SM3 state sm3. NULL when it cannot. */
static struct blob_par *par_start(void *sm3)
{
	struct blob_par *p = calloc(1, sizeof(*p));
	int i;

	if (!p)
		return NULL;
	for (i = 0; i < BLOB_PAR_BUFS; i++)
		if (!(p->buf[i] = malloc(BLOB_PAR_SIZE)))
			goto fail;
	p->sm3 = sm3;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->thr, NULL, par_main, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		goto fail;
	}
	return p;
fail:
	for (i = 0; i < BLOB_PAR_BUFS; i++)
		free(p->buf[i]);
	free(p);
	return NULL;
}

/* Hands the buffer being filled to the thread, waiting while every buffer is busy. */
static void par_publish(struct blob_par *p)
{
	pthread_mutex_lock(&p->mu);
	p->len[p->produced % BLOB_PAR_BUFS] = p->fill;
	p->produced++;
	p->fill = 0;
	pthread_cond_broadcast(&p->cv);
	while (p->produced - p->consumed == BLOB_PAR_BUFS)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static void par_add(struct blob_par *p, const unsigned char *d, size_t n)
{
	while (n) {
		unsigned char *b = p->buf[p->produced % BLOB_PAR_BUFS];
		size_t k = BLOB_PAR_SIZE - p->fill < n ? BLOB_PAR_SIZE - p->fill : n;

		/* the slot being filled is never one the thread may read: produced -
		 * consumed < BLOB_PAR_BUFS holds whenever the producer runs */
		memcpy(b + p->fill, d, k);
		p->fill += k;
		d += k;
		n -= k;
		if (p->fill == BLOB_PAR_SIZE)
			par_publish(p);
	}
}

/* Hashes what is left, stops the thread and frees the ring; the SM3 state goes back
 * to the caller. */
static void *par_stop(struct blob_par **pp)
{
	struct blob_par *p = *pp;
	void *sm3;
	int i;

	if (!p)
		return NULL;
	if (p->fill)
		par_publish(p);
	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thr, NULL);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	for (i = 0; i < BLOB_PAR_BUFS; i++)
		free(p->buf[i]);
	sm3 = p->sm3;
	free(p);
	*pp = NULL;
	return sm3;
}

int blob_writer_open(struct blob_writer *w, const char *data_dir, uint64_t max, struct zerr *e)
{
	char dir[1060];
	struct blob_hash h;

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	w->max = max;
	snprintf(w->data_dir, sizeof(w->data_dir), "%s", data_dir);
	snprintf(dir, sizeof(dir), "%s/objects/tmp", data_dir);
	if (mkdirs(dir) < 0)
		return zerr_internal(e, "cannot make the evidence temporary directory");
	snprintf(w->tmp_path, sizeof(w->tmp_path), "%s/upload-XXXXXX", dir);
	w->fd = mkostemp(w->tmp_path, O_CLOEXEC);
	if (w->fd < 0) {
		w->tmp_path[0] = '\0';
		return zerr_internal(e, "cannot make an evidence temporary file");
	}
	if (blob_hash_init(&h) < 0) {
		blob_writer_abort(w);
		return zerr_oom(e);
	}
	w->sha = h.sha;
	w->sm3 = h.sm3;
	return 0;
}

int blob_writer_add(struct blob_writer *w, const void *p, size_t n, struct zerr *e)
{
	struct blob_hash h = { w->sha, w->sm3 };
	const char *c = p;
	size_t left = n;

	if (n > w->max - w->size || w->size > w->max)
		return zerr_set(e, 413, "upload_too_large",
				"上传文件超过 %llu 字节上限 (upload larger than the configured limit)",
				(unsigned long long)w->max);
	if (w->head_len < BLOB_HEAD_MAX) {
		size_t k = n < BLOB_HEAD_MAX - w->head_len ? n : BLOB_HEAD_MAX - w->head_len;

		memcpy(w->head + w->head_len, p, k);
		w->head_len += k;
	}
	if (!w->par && w->size >= BLOB_PAR_AFTER)
		w->par = par_start(w->sm3); /* without a thread, SM3 stays inline */
	if (w->par) {
		EVP_DigestUpdate(w->sha, p, n);
		par_add(w->par, p, n);
	} else {
		blob_hash_add(&h, p, n);
	}
	while (left) {
		ssize_t k = write(w->fd, c, left);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return zerr_internal(e, "evidence write failed");
		c += k;
		left -= (size_t)k;
	}
	w->size += n;
	return 0;
}

/* fsync of a directory, so that a rename into it survives a crash. */
static void sync_dir(const char *file)
{
	char dir[1100];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", file);
	slash = strrchr(dir, '/');
	if (!slash)
		return;
	*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int blob_writer_finish(struct blob_writer *w, const char *expect_sha256, char sha256_hex[65],
		       char sm3_hex[65], struct zerr *e)
{
	char path[1100];
	struct blob_hash h;
	struct stat sb;
	int ret = -1;

	w->resumable = 0; /* finishing: the file is renamed into the store or removed */
	if (w->par)
		par_stop(&w->par);
	h.sha = w->sha;
	h.sm3 = w->sm3;
	w->sha = w->sm3 = NULL;
	blob_hash_final(&h, sha256_hex, sm3_hex);
	if (!sha256_hex[0] || !sm3_hex[0]) {
		zerr_internal(e, "digest failed");
		goto out;
	}
	if (expect_sha256 && strcmp(expect_sha256, sha256_hex) != 0) {
		zerr_set(e, 400, "digest_mismatch",
			 "上传内容的 SHA-256 与声明的摘要不符，未保存 (content does not match the declared digest)");
		goto out;
	}
	if (fsync(w->fd) < 0 || close(w->fd) < 0) {
		w->fd = -1;
		zerr_internal(e, "evidence fsync failed");
		goto out;
	}
	w->fd = -1;
	if (blob_path(w->data_dir, sha256_hex, path, sizeof(path)) < 0) {
		zerr_internal(e, "evidence path");
		goto out;
	}
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size == w->size) {
		ret = 0; /* the same bytes are stored already: keep one copy */
		goto out;
	}
	*strrchr(path, '/') = '\0';
	if (mkdirs(path) < 0) {
		zerr_internal(e, "cannot make the evidence directory");
		goto out;
	}
	blob_path(w->data_dir, sha256_hex, path, sizeof(path));
	chmod(w->tmp_path, 0440);
	if (rename(w->tmp_path, path) < 0) {
		zerr_internal(e, "evidence rename failed");
		goto out;
	}
	w->tmp_path[0] = '\0';
	sync_dir(path);
	ret = 0;
out:
	blob_writer_abort(w);
	return ret;
}

void blob_writer_abort(struct blob_writer *w)
{
	struct blob_hash h;

	if (w->par)
		par_stop(&w->par);
	h.sha = w->sha;
	h.sm3 = w->sm3;
	blob_hash_release(&h);
	w->sha = w->sm3 = NULL;
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	if (w->tmp_path[0] && !w->resumable)
		unlink(w->tmp_path);
	w->tmp_path[0] = '\0';
}

/* Reads exactly n bytes at the file's current position. 0, or -1 (error or short file). */
static int read_full(int fd, unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = read(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Whether name is a safe file name for objects/tmp: [A-Za-z0-9-]+, at most 80 long. */
static int partial_name_ok(const char *name)
{
	size_t i;

	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '-') || i >= 80)
			return 0;
	return i > 0;
}

int blob_partial_open(const char *data_dir, const char *name, int create, struct zerr *e)
{
	char path[1100];
	int fd;

	if (!partial_name_ok(name))
		return zerr_internal(e, "bad partial upload name");
	snprintf(path, sizeof(path), "%s/objects/tmp", data_dir);
	if (create && mkdirs(path) < 0)
		return zerr_internal(e, "cannot make the evidence temporary directory");
	snprintf(path, sizeof(path), "%s/objects/tmp/%s", data_dir, name);
	fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0640);
	if (fd < 0)
		return errno == ENOENT ? zerr_not_found(e, "上传的临时文件 (partial upload)")
				       : zerr_internal(e, "cannot open a partial upload");
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return zerr_set(e, 423, "upload_locked",
				"该上传正在另一请求中写入，请稍后重试 (another request is writing this upload)");
	}
	return fd;
}

void blob_partial_unlink(const char *data_dir, const char *name)
{
	char path[1100];

	if (!partial_name_ok(name))
		return;
	snprintf(path, sizeof(path), "%s/objects/tmp/%s", data_dir, name);
	unlink(path);
}

int blob_writer_resume(struct blob_writer *w, const char *data_dir, const char *name, int fd,
		       uint64_t offset, uint64_t max, struct blob_hash *state, struct zerr *e)
{
	static const size_t chunk = 256 * 1024;
	unsigned char *buf = NULL;
	struct blob_hash h = { NULL, NULL };
	struct stat sb;
	uint64_t done = 0, need;
	int kept = 0;

	memset(w, 0, sizeof(*w));
	w->max = max;
	w->fd = fd;
	w->resumable = 1; /* kept when this request ends without completing it */
	snprintf(w->data_dir, sizeof(w->data_dir), "%s", data_dir);
	snprintf(w->tmp_path, sizeof(w->tmp_path), "%s/objects/tmp/%s", data_dir, name);
	if (fstat(w->fd, &sb) < 0 || (uint64_t)sb.st_size < offset) {
		zerr_set(e, 500, "partial_missing",
			 "断点续传的临时文件缺失或不完整，请重新上传 (the partial upload is missing)");
		goto fail;
	}
	if ((uint64_t)sb.st_size > offset && ftruncate(w->fd, (off_t)offset) < 0) {
		zerr_internal(e, "cannot cut back a partial upload");
		goto fail;
	}
	if (state && state->sha) {
		h = *state;
		state->sha = state->sm3 = NULL;
		kept = 1;
	} else if (blob_hash_init(&h) < 0) {
		zerr_oom(e);
		goto fail;
	}
	if (state)
		blob_hash_release(state);
	/* the first bytes for libmagic, and (without a kept state) the digests so far */
	need = kept && offset > BLOB_HEAD_MAX ? BLOB_HEAD_MAX : offset;
	buf = malloc(chunk);
	if (!buf) {
		zerr_oom(e);
		goto fail;
	}
	while (done < need) {
		size_t n = need - done < chunk ? (size_t)(need - done) : chunk;

		if (read_full(w->fd, buf, n) < 0) {
			zerr_internal(e, "partial upload read failed");
			goto fail;
		}
		if (w->head_len < BLOB_HEAD_MAX) {
			size_t k = n < BLOB_HEAD_MAX - w->head_len ? n : BLOB_HEAD_MAX - w->head_len;

			memcpy(w->head + w->head_len, buf, k);
			w->head_len += k;
		}
		if (!kept)
			blob_hash_add(&h, buf, n);
		done += n;
	}
	free(buf);
	buf = NULL;
	if (lseek(w->fd, (off_t)offset, SEEK_SET) < 0) {
		zerr_internal(e, "partial upload seek failed");
		goto fail;
	}
	w->sha = h.sha;
	w->sm3 = h.sm3;
	w->size = offset;
	return 0;
fail:
	free(buf);
	blob_hash_release(&h);
	if (state)
		blob_hash_release(state);
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->tmp_path[0] = '\0';
	return -1;
}

int blob_writer_sync(struct blob_writer *w, struct zerr *e)
{
	if (w->fd >= 0 && fsync(w->fd) < 0)
		return zerr_internal(e, "evidence fsync failed");
	return 0;
}

void blob_writer_suspend(struct blob_writer *w, struct blob_hash *state_r)
{
	struct blob_hash h;

	if (w->par)
		par_stop(&w->par);
	h.sha = w->sha;
	h.sm3 = w->sm3;
	w->sha = w->sm3 = NULL;
	if (state_r)
		*state_r = h;
	else
		blob_hash_release(&h);
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->tmp_path[0] = '\0';
}

int blob_derived_path(const char *data_dir, const char *hex, const char *name, char *out,
		      size_t outlen)
{
	size_t i;
	int n;

	if (!is_hex64(hex) || !name[0])
		return -1;
	for (i = 0; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '.'))
			return -1;
	n = snprintf(out, outlen, "%s/objects/derived/%.2s/%.2s/%s-%s", data_dir, hex, hex + 2, hex, name);
	return n < 0 || (size_t)n >= outlen ? -1 : 0;
}

int blob_derived_put(const char *data_dir, const char *hex, const char *name, const void *p,
		     size_t n, struct zerr *e)
{
	char path[1100], tmp[1100];
	const char *c = p;
	int fd;

	if (blob_derived_path(data_dir, hex, name, path, sizeof(path)) < 0)
		return zerr_internal(e, "derived object path");
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", data_dir);
	if (mkdirs(tmp) < 0)
		return zerr_internal(e, "cannot make the evidence temporary directory");
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp/upload-XXXXXX", data_dir);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return zerr_internal(e, "cannot make a temporary file");
	while (n) {
		ssize_t k = write(fd, c, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			unlink(tmp);
			return zerr_internal(e, "derived object write failed");
		}
		c += k;
		n -= (size_t)k;
	}
	close(fd);
	*strrchr(path, '/') = '\0';
	if (mkdirs(path) < 0) {
		unlink(tmp);
		return zerr_internal(e, "cannot make the derived object directory");
	}
	blob_derived_path(data_dir, hex, name, path, sizeof(path));
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		return zerr_internal(e, "derived object rename failed");
	}
	return 0;
}

int blob_sweep_tmp(const char *data_dir, long max_age)
{
	char dir[1060], path[1400];
	struct dirent *de;
	struct stat sb;
	time_t now = time(NULL);
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/objects/tmp", data_dir);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "upload-", 7) != 0 && strncmp(de->d_name, "export-", 7) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime > max_age &&
		    unlink(path) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int blob_check(const char *data_dir, const char *hex, const char *sm3_hex, int64_t size,
	       struct zerr *e)
{
	char path[1100], sha[65], sm3[65];
	static const size_t chunk = 1 << 20;
	struct blob_hash h = { NULL, NULL };
	unsigned char *buf = NULL;
	int64_t total = 0;
	int fd = -1, ret = -1;
	ssize_t k;

	if (blob_path(data_dir, hex, path, sizeof(path)) < 0)
		return 1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 2 : zerr_internal(e, "cannot open evidence file");
	buf = malloc(chunk);
	if (!buf || blob_hash_init(&h) < 0) {
		zerr_oom(e);
		goto out;
	}
	while ((k = read(fd, buf, chunk)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			zerr_internal(e, "evidence read failed");
			goto out;
		}
		blob_hash_add(&h, buf, (size_t)k);
		total += k;
	}
	blob_hash_final(&h, sha, sm3);
	ret = strcmp(sha, hex) != 0 || (sm3_hex && strcmp(sm3, sm3_hex) != 0) ||
	      (size >= 0 && total != size);
out:
	blob_hash_release(&h);
	free(buf);
	close(fd);
	return ret;
}
