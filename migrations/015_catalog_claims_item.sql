-- 015_catalog_claims_item: a coverage filtered down to some items (level, domain, kind,
-- mode, q: docs/claims.md) reads only the claims of those items, one index range per
-- item inside the region's subtree, instead of every claim of the subtree through
-- catalog_claims_region (a province: 1.7 million). Index-only, as catalog_claims_region.
CREATE INDEX catalog_claims_item ON catalog_claims (item_code, region_code, effective_from, effective_to, agency_id);
