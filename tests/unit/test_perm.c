#include <ctype.h>

#include "domain/auth.h"
#include "http/http.h"
#include "t.h"

/* The routing table is documented by these names (zhifa routes, x-permission in
 * docs/openapi.yaml): every permission has one, and no two share it. */
TEST(perm_every_permission_has_one_lowercase_name)
{
	int p, q;
	const char *c;

	for (p = 0; p < P__COUNT; p++) {
		CHECK(perm_name(p) != NULL);
		CHECK(perm_name(p)[0] != '\0');
		for (c = perm_name(p); *c; c++)
			CHECK(islower((unsigned char)*c) || *c == '_');
		for (q = 0; q < p; q++)
			CHECK(strcmp(perm_name(p), perm_name(q)) != 0);
	}
	CHECK_STR(perm_name(P_PUBLIC), "public");
	CHECK_STR(perm_name(P_REGION_READ), "region_read");
	CHECK_STR(perm_name(P_LEDGER_READ), "ledger_read");
	CHECK(perm_name(P__COUNT) == NULL);
	CHECK(perm_name(-1) == NULL);
}
