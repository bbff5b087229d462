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

/* The grant table, written out as policy: what each role may do beyond reading.
 * A change to who may write must change this test too. */
TEST(perm_grant_table_is_the_documented_policy)
{
	static const struct {
		enum role role;
		const char *writes; /* space-separated permission names beyond the read set */
	} want[] = {
		{ ROLE_ADMIN, "region_write agency_write officer_write officer_pii calendar_write "
			      "user_admin metrics catalog_write discretion_write case_read claim_write "
			      "case_config_write party_read" },
		{ ROLE_SUPERVISOR, "metrics case_read lead_dispatch party_read party_write" },
		/* the 综合执法办 dispatches leads: it finds and registers the party, reads no case */
		{ ROLE_CATALOG_ADMIN, "catalog_write discretion_write claim_write lead_dispatch party_read party_write" },
		{ ROLE_AGENCY_HEAD, "officer_write officer_pii evidence_write evidence_share case_read "
				    "case_write claim_write case_config_write party_read party_write" },
		{ ROLE_LEGAL_REVIEWER, "case_read case_write party_read party_write" },
		{ ROLE_OFFICER, "evidence_write evidence_share case_read case_write party_read party_write" },
		{ ROLE_AUDITOR, "case_read party_read" },
	};
	static const int reads[] = { P_AUTH, P_REGION_READ, P_AGENCY_READ, P_OFFICER_READ, P_LEDGER_READ,
				     P_CATALOG_READ, P_EVIDENCE_READ, P_DISCRETION_READ };
	size_t i, k;
	int p;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		for (k = 0; k < sizeof(reads) / sizeof(reads[0]); k++)
			CHECK(role_can(want[i].role, reads[k]));
		for (p = 0; p < P__COUNT; p++) {
			int is_read = 0;
			char padded[64], list[512];

			for (k = 0; k < sizeof(reads) / sizeof(reads[0]); k++)
				is_read |= reads[k] == p;
			if (p == P_PUBLIC || is_read)
				continue;
			snprintf(padded, sizeof(padded), " %s ", perm_name(p));
			snprintf(list, sizeof(list), " %s ", want[i].writes);
			if (role_can(want[i].role, p) != (strstr(list, padded) != NULL)) {
				t_fail(__FILE__, __LINE__, "%s: %s is %s", role_name(want[i].role),
				       perm_name(p), role_can(want[i].role, p) ? "granted" : "not granted");
				return;
			}
		}
	}
	CHECK(!role_can(ROLE_NONE, P_AUTH));
}
