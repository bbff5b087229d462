/* xlsx.c: answering an XLSX workbook. libxlsxwriter 1.1.4 (Debian 12) writes workbooks
 * to files only, so a workbook goes to a temporary file that is read back and removed. */
#include <unistd.h>

#include "api/xlsx.h"

lxw_workbook *api_xlsx_open(struct req *r, char path[API_XLSX_PATH])
{
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
	wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		path[0] = '\0';
		zerr_internal(&r->err, "workbook_new");
	}
	return wb;
}

int api_xlsx_reply(struct req *r, lxw_workbook *wb, const char *path)
{
	struct buf b = BUF_INIT(256u << 20);
	char chunk[65536];
	FILE *f = NULL;
	size_t n;
	int ret = -1;

	if (workbook_close(wb) != LXW_NO_ERROR || !(f = fopen(path, "rb"))) {
		zerr_internal(&r->err, "workbook_close");
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			zerr_oom(&r->err);
			goto out;
		}
	r->raw = buf_detach(&b, &r->raw_len);
	r->raw_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	r->status = 200;
	ret = 0;
out:
	if (f)
		fclose(f);
	unlink(path);
	buf_release(&b);
	return ret;
}

void api_xlsx_abandon(lxw_workbook *wb, const char *path)
{
	if (wb)
		workbook_close(wb);
	if (path[0])
		unlink(path);
}
