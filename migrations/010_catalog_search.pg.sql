-- 010_catalog_search (PostgreSQL): a pg_trgm GIN index on catalog_versions.search_text;
-- LIKE '%q%' uses it for 3 or more characters and is rechecked, so shorter queries are
-- answered too (by scanning). The index is maintained by the engine in every write.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX catalog_versions_trgm ON catalog_versions USING gin (search_text gin_trgm_ops);
