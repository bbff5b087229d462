/* evidence_thumb.c: thumbnails of image evidence (docs/evidence.md §2), made on first
 * request with gdk-pixbuf and cached as objects derived from the original's content
 * address. Only the loader of the sniffed format runs on the bytes (JPEG or PNG: never
 * the SVG, TIFF, ICO... loaders), the image's declared size is checked against a pixel
 * limit before any pixel is decoded, JPEG is decoded already scaled down, and the
 * original is re-hashed as it is read, so a swapped file never yields a thumbnail.
 *
 * A thumbnail is not a custody event: it is a lossy preview derived from the file, not
 * the evidence, and the list that shows it is not one either; opening (GET
 * /evidence/{id}) and downloading the evidence are. The access rules are the content's. */
#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/evidence.h"
#include "core/config.h"
#include "core/log.h"
#include "store/blob.h"

/* The longest side of a thumbnail, in pixels. */
#define THUMB_SIDE 256
/* The derived object's name: one size, one format. */
#define THUMB_NAME "thumb256.jpg"
/* Thumbnails made at once by this process; more wait for a retry (503). */
#define THUMB_CONCURRENT 2

/* The formats a thumbnail is made of, each with the largest image it decodes: JPEG is
 * decoded at 1/8 scale when that still covers THUMB_SIDE (libjpeg's DCT scaling), so
 * its peak memory is an eighth squared of the limit; PNG decodes whole (4 bytes a
 * pixel: 16 Mpx is 64 MiB). WebP would need webp-pixbuf-loader: not offered. */
static const struct {
	const char *media;
	unsigned long long max_pixels;
} thumb_formats[] = {
	{ "image/jpeg", 100000000ULL },
	{ "image/png", 16000000ULL },
};

static atomic_int thumb_running;

struct thumb_load {
	unsigned long long max_pixels;
	int too_big, w, h;
};

/* Before any pixel is decoded: refuses a bomb, and asks for the thumbnail's size so
 * that the JPEG loader scales while it decodes. */
static void size_prepared(GdkPixbufLoader *l, int w, int h, gpointer data)
{
	struct thumb_load *t = data;
	int tw, th;

	t->w = w;
	t->h = h;
	if (w <= 0 || h <= 0 || (unsigned long long)w * (unsigned long long)h > t->max_pixels) {
		t->too_big = 1;
		gdk_pixbuf_loader_set_size(l, 1, 1);
		return;
	}
	if (w <= THUMB_SIDE && h <= THUMB_SIDE)
		return;
	if (w >= h) {
		tw = THUMB_SIDE;
		th = (int)((long long)h * THUMB_SIDE / w);
	} else {
		th = THUMB_SIDE;
		tw = (int)((long long)w * THUMB_SIDE / h);
	}
	gdk_pixbuf_loader_set_size(l, tw > 0 ? tw : 1, th > 0 ? th : 1);
}

/* Makes the JPEG thumbnail of the file at path (media type media, SHA-256 sha): 0 with
 * *out_r and *len_r (g_free), or -1 with e set. */
static int thumb_make(const char *path, const char *media, unsigned long long max_pixels,
		      const char *sha, gchar **out_r, gsize *len_r, struct zerr *e)
{
	struct thumb_load t = { max_pixels, 0, 0, 0 };
	static const size_t chunk = 64 * 1024;
	GdkPixbufLoader *l = NULL;
	GdkPixbuf *pb = NULL, *oriented = NULL, *flat = NULL;
	GError *gerr = NULL;
	struct blob_hash h = { NULL, NULL };
	unsigned char *buf = NULL;
	char got[65];
	int fd = -1, ret = -1, fed_ok = 1, closed = 0;
	ssize_t k;

	*out_r = NULL;
	*len_r = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return zerr_set(e, 500, "evidence_missing", "证据文件缺失，请联系管理员 (stored file missing)");
	buf = malloc(chunk);
	l = gdk_pixbuf_loader_new_with_mime_type(media, &gerr);
	if (!buf || !l || blob_hash_init(&h) < 0) {
		zerr_internal(e, gerr ? gerr->message : "thumbnail loader");
		goto out;
	}
	g_signal_connect(l, "size-prepared", G_CALLBACK(size_prepared), &t);
	while ((k = read(fd, buf, chunk)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			zerr_internal(e, "evidence read failed");
			goto out;
		}
		blob_hash_add(&h, buf, (size_t)k);
		if (fed_ok && !t.too_big && !gdk_pixbuf_loader_write(l, buf, (gsize)k, &gerr))
			fed_ok = 0; /* keep reading: the digest still decides first */
	}
	blob_hash_final(&h, got, NULL);
	if (strcmp(got, sha) != 0) {
		log_error("thumbnail: stored file %s no longer matches its digest", sha);
		zerr_set(e, 500, "evidence_corrupt",
			 "证据文件与其摘要不符，已拒绝生成缩略图，请联系管理员 (stored file does not match its digest)");
		goto out;
	}
	if (t.too_big) {
		zerr_set(e, 422, "image_too_large",
			 "图片 %d×%d 像素超过 %llu 像素的上限，不生成缩略图 (image too large for a thumbnail)",
			 t.w, t.h, max_pixels);
		goto out;
	}
	closed = 1;
	if (!gdk_pixbuf_loader_close(l, fed_ok ? &gerr : NULL) || !fed_ok ||
	    !(pb = gdk_pixbuf_loader_get_pixbuf(l))) {
		zerr_set(e, 422, "image_unreadable", "图片内容无法解码，不生成缩略图 (image cannot be decoded)");
		goto out;
	}
	/* phones store portrait photos sideways with an EXIF orientation */
	oriented = gdk_pixbuf_apply_embedded_orientation(pb);
	if (oriented && (gdk_pixbuf_get_width(oriented) > THUMB_SIDE ||
			 gdk_pixbuf_get_height(oriented) > THUMB_SIDE)) {
		int w = gdk_pixbuf_get_width(oriented), hh = gdk_pixbuf_get_height(oriented);
		GdkPixbuf *s = gdk_pixbuf_scale_simple(oriented, w >= hh ? THUMB_SIDE : w * THUMB_SIDE / hh,
						       w >= hh ? hh * THUMB_SIDE / w : THUMB_SIDE,
						       GDK_INTERP_BILINEAR);

		g_object_unref(oriented);
		oriented = s;
	}
	if (!oriented) {
		zerr_oom(e);
		goto out;
	}
	/* JPEG has no alpha: a transparent PNG goes onto white */
	flat = gdk_pixbuf_get_has_alpha(oriented)
		       ? gdk_pixbuf_composite_color_simple(oriented, gdk_pixbuf_get_width(oriented),
							   gdk_pixbuf_get_height(oriented), GDK_INTERP_NEAREST,
							   255, 8, 0xffffffffu, 0xffffffffu)
		       : g_object_ref(oriented);
	if (!flat || !gdk_pixbuf_save_to_buffer(flat, out_r, len_r, "jpeg", &gerr, "quality", "80", NULL)) {
		zerr_internal(e, gerr ? gerr->message : "thumbnail encode");
		goto out;
	}
	ret = 0;
out:
	blob_hash_release(&h);
	if (l) {
		if (!closed)
			gdk_pixbuf_loader_close(l, NULL);
		g_object_unref(l);
	}
	if (oriented)
		g_object_unref(oriented);
	if (flat)
		g_object_unref(flat);
	if (gerr)
		g_error_free(gerr);
	free(buf);
	if (fd >= 0)
		close(fd);
	return ret;
}

/* Reads the cached thumbnail at path: 1 with *p_r (malloc) and *n_r, 0 when there is
 * none, -1 on error. */
static int thumb_cached(const char *path, char **p_r, size_t *n_r)
{
	struct stat sb;
	char *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	*p_r = NULL;
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &sb) < 0 || sb.st_size <= 0 || sb.st_size > 4 * 1024 * 1024 ||
	    !(p = malloc((size_t)sb.st_size))) {
		close(fd);
		return -1;
	}
	while (got < (size_t)sb.st_size) {
		ssize_t k = read(fd, p + got, (size_t)sb.st_size - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			free(p);
			close(fd);
			return -1;
		}
		got += (size_t)k;
	}
	close(fd);
	*p_r = p;
	*n_r = got;
	return 1;
}

int api_evidence_thumbnail(struct req *r)
{
	char path[1100], cache[1100], *body = NULL;
	gchar *made = NULL;
	gsize made_len = 0;
	size_t i, n = 0;
	struct ev ev;
	int rc;

	if (evidence_load(r, r->params[0], &ev) < 0)
		return -1;
	for (i = 0; i < sizeof(thumb_formats) / sizeof(thumb_formats[0]); i++)
		if (strcmp(ev.media, thumb_formats[i].media) == 0)
			break;
	if (i == sizeof(thumb_formats) / sizeof(thumb_formats[0]))
		return zerr_set(&r->err, 415, "not_an_image",
				"只为 JPEG 与 PNG 图片生成缩略图，该证据为 %s (thumbnails of JPEG and PNG only)",
				ev.media);
	if (blob_path(r->cfg->data_dir, ev.sha, path, sizeof(path)) < 0 ||
	    blob_derived_path(r->cfg->data_dir, ev.sha, THUMB_NAME, cache, sizeof(cache)) < 0)
		return zerr_internal(&r->err, "evidence path");
	rc = thumb_cached(cache, &body, &n);
	if (rc < 0)
		return zerr_internal(&r->err, "thumbnail cache read failed");
	if (rc == 0) {
		if (atomic_fetch_add(&thumb_running, 1) >= THUMB_CONCURRENT) {
			atomic_fetch_sub(&thumb_running, 1);
			http_add_header(r, "Retry-After", "1");
			return zerr_set(&r->err, 503, "busy", "正在生成其他缩略图，请稍后重试 (busy, retry)");
		}
		rc = thumb_make(path, ev.media, thumb_formats[i].max_pixels, ev.sha, &made, &made_len, &r->err);
		atomic_fetch_sub(&thumb_running, 1);
		if (rc < 0)
			return -1;
		/* a cache that cannot be written costs a remake next time, nothing more */
		if (blob_derived_put(r->cfg->data_dir, ev.sha, THUMB_NAME, made, made_len, &r->err) < 0) {
			log_warn("thumbnail of %s not cached: %s", ev.pid, r->err.detail);
			zerr_clear(&r->err);
		}
		body = made_len ? malloc(made_len) : NULL;
		if (!body) {
			g_free(made);
			return zerr_oom(&r->err);
		}
		memcpy(body, made, made_len);
		n = made_len;
		g_free(made);
	}
	r->raw = body;
	r->raw_len = n;
	r->raw_type = "image/jpeg";
	r->status = 200;
	http_add_header(r, "ETag", "\"sha256:%s-" THUMB_NAME "\"", ev.sha);
	return 0;
}
