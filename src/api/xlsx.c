/* xlsx.c: answering an XLSX workbook. libxlsxwriter 1.1.4 (Debian 12) writes workbooks
 * to files only, so a workbook goes to a temporary file that is read back and removed. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/xlsx.h"

static lxw_workbook *xlsx_open(struct req *r, char path[API_XLSX_PATH], int constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_workbook *wb;
	int fd;

	snprintf(path, API_XLSX_PATH, "/tmp/zhifa-xlsx-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0) {
		path[0] = '\0';
		zerr_internal(&r->err, "mkstemp");
		return NULL;
	}
	close(fd);
	wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		path[0] = '\0';
		zerr_internal(&r->err, "workbook_new");
	}
	return wb;
}

lxw_workbook *api_xlsx_open(struct req *r, char path[API_XLSX_PATH])
{
	return xlsx_open(r, path, 0);
}

lxw_workbook *api_xlsx_open_rows(struct req *r, char path[API_XLSX_PATH])
{
	return xlsx_open(r, path, 1);
}

/* The answer's body: the workbook's file, unlinked once open, read as it is sent. */
struct xlsx_body {
	int fd;
};

static long xlsx_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct xlsx_body *b = cls;
	ssize_t n = pread(b->fd, buf, max, (off_t)pos);

	if (n < 0)
		return HTTP_READER_ERROR;
	return n == 0 ? HTTP_READER_END : (long)n;
}

static void xlsx_body_free(void *cls)
{
	struct xlsx_body *b = cls;

	close(b->fd);
	free(b);
}

int api_xlsx_reply(struct req *r, lxw_workbook *wb, const char *path)
{
	struct xlsx_body *b = NULL;
	struct stat st;
	int fd = -1, ret = -1;

	if (workbook_close(wb) != LXW_NO_ERROR || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0) {
		zerr_internal(&r->err, "workbook_close");
		goto out;
	}
	if (!(b = malloc(sizeof(*b)))) {
		zerr_oom(&r->err);
		goto out;
	}
	/* the file goes when the answer is sent (or the client leaves): no copy in memory */
	b->fd = fd;
	fd = -1;
	r->reader = xlsx_read;
	r->reader_free = xlsx_body_free;
	r->reader_cls = b;
	r->reader_size = (uint64_t)st.st_size;
	r->raw_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->status = 200;
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	unlink(path);
	return ret;
}

void api_xlsx_abandon(lxw_workbook *wb, const char *path)
{
	if (wb)
		workbook_close(wb);
	if (path[0])
		unlink(path);
}
