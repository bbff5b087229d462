/* import.c: CSV import of agencies and officers. All or nothing: any bad row → 400
 * with one errors[] entry per bad field ({row, field, message}) and nothing written. */
#include "api/api.h"

int api_agencies_import(struct req *r)
{
	return zerr_set(&r->err, 501, "not_implemented", "尚未实现 (not implemented yet)");
}

int api_officers_import(struct req *r)
{
	return zerr_set(&r->err, 501, "not_implemented", "尚未实现 (not implemented yet)");
}
