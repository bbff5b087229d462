/* xlsx.h: the one way an API answer carries an XLSX workbook. */
#ifndef ZHIFA_API_XLSX_H
#define ZHIFA_API_XLSX_H

#include <xlsxwriter.h>

#include "http/http.h"

#define API_XLSX_PATH 32

/* A new workbook backed by a temporary file whose name goes to path; NULL with
 * r->err set (and no file left) on failure. */
lxw_workbook *api_xlsx_open(struct req *r, char path[API_XLSX_PATH]);
/* As api_xlsx_open, in libxlsxwriter's constant-memory mode: each sheet's rows must be
 * written in order (row by row, cells left to right) and only the current row of each
 * sheet is kept in memory (the rest goes to temporary files); strings are inline. */
lxw_workbook *api_xlsx_open_rows(struct req *r, char path[API_XLSX_PATH]);
/* Closes wb and answers its file (200, the XLSX media type), read from disk as it is
 * sent (the memory does not grow with the workbook); the file's name is removed at once
 * and its space freed when the answer ends. wb is gone whatever the outcome. 0, or -1
 * with r->err set. */
int api_xlsx_reply(struct req *r, lxw_workbook *wb, const char *path);
/* Drops a workbook that will not be answered, and its file. */
void api_xlsx_abandon(lxw_workbook *wb, const char *path);

#endif
