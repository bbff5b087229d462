-- 012_catalog_grams (PostgreSQL): search of 1–2 characters through an index. search_grams
-- holds every character and every pair of adjacent characters of search_text (ASCII
-- lower-cased, each once, joined by spaces; catalog_search_grams in src/domain/catalog.c
-- writes it for new versions, the UPDATE below for the old ones). pg_trgm cannot serve a
-- pattern shorter than a trigram; a GIN index over the grams as an array answers
-- `@> ARRAY[q]` instead of ILIKE over every version.
ALTER TABLE catalog_versions ADD COLUMN search_grams TEXT NOT NULL DEFAULT '';
UPDATE catalog_versions v SET search_grams = COALESCE((SELECT string_agg(x, ' ') FROM (
	SELECT lower(substr(v.search_text, i, 1)) AS x FROM generate_series(1, length(v.search_text)) i
	UNION
	SELECT lower(substr(v.search_text, i, 2)) FROM generate_series(1, length(v.search_text) - 1) i) g), '');
CREATE INDEX catalog_versions_grams ON catalog_versions USING gin (string_to_array(search_grams, ' '));
