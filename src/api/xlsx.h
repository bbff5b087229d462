/* xlsx.h: the one way an API answer carries an XLSX workbook. */
#ifndef ZHIFA_API_XLSX_H
#define ZHIFA_API_XLSX_H

#include <xlsxwriter.h>

#include "http/http.h"

#define API_XLSX_PATH 32

/* A new workbook backed by a temporary file whose name goes to path; NULL with
 * r->err set (and no file left) on failure. */
lxw_workbook *api_xlsx_open(struct req *r, char path[API_XLSX_PATH]);
/* Closes wb, answers its bytes (200, the XLSX media type) and removes the file;
 * wb and the file are gone whatever the outcome. 0, or -1 with r->err set. */
int api_xlsx_reply(struct req *r, lxw_workbook *wb, const char *path);
/* Drops a workbook that will not be answered, and its file. */
void api_xlsx_abandon(lxw_workbook *wb, const char *path);

#endif
