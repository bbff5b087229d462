-- 012_catalog_rest: claims read by region without touching the table.
-- The coverage of a region and the township match rate read every claim in force in a
-- subtree (1.7 million in a province-sized bench): with effective_to and agency_id in
-- the index, that read is an index-only range walk in (region, item) order instead of
-- one table lookup per claim (SQLite: 4.3 s -> 0.2 s on 1.4 million claims).
DROP INDEX catalog_claims_region;
CREATE INDEX catalog_claims_region ON catalog_claims (region_code, item_code, effective_from, effective_to, agency_id);

-- City extension catalogues (扩展目录, 浙江省综合行政执法条例 Art 7): a version's scope is
-- the city (region code, level city) whose extension catalogue holds the item; NULL for
-- the province catalogue. Fixed for the life of an item, like its domain. Proposed by the
-- city, approved by a provincial catalog admin (src/api/catalog.c); counted in coverage
-- and the indicators only inside the city (docs/catalog.md).
ALTER TABLE catalog_versions ADD COLUMN scope TEXT;
