-- 012_catalog_grams (SQLite): search of 1–2 characters through an index. search_grams
-- holds every character and every pair of adjacent characters of search_text (ASCII
-- lower-cased, each once, joined by spaces; catalog_search_grams in src/domain/catalog.c
-- writes it for new versions, the UPDATE below for the old ones). FTS5 with the ascii
-- tokenizer keeps each gram a token (non-ASCII characters are token characters; ASCII
-- punctuation and spaces separate), so a query of 1–2 characters is one token lookup
-- instead of LIKE over every version.
ALTER TABLE catalog_versions ADD COLUMN search_grams TEXT NOT NULL DEFAULT '';
UPDATE catalog_versions SET search_grams = COALESCE((SELECT group_concat(x, ' ') FROM (
	SELECT lower(substr(catalog_versions.search_text, i, 1)) AS x FROM (WITH RECURSIVE n(i) AS (
		SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < length(catalog_versions.search_text)) SELECT i FROM n)
	UNION
	SELECT lower(substr(catalog_versions.search_text, i, 2)) FROM (WITH RECURSIVE n(i) AS (
		SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < length(catalog_versions.search_text) - 1) SELECT i FROM n))), '');
CREATE VIRTUAL TABLE catalog_grams USING fts5(search_grams, content='catalog_versions',
	content_rowid='id', tokenize='ascii');
INSERT INTO catalog_grams (catalog_grams) VALUES ('rebuild');
CREATE TRIGGER catalog_grams_ai AFTER INSERT ON catalog_versions BEGIN
	INSERT INTO catalog_grams (rowid, search_grams) VALUES (new.id, new.search_grams);
END;
CREATE TRIGGER catalog_grams_ad AFTER DELETE ON catalog_versions BEGIN
	INSERT INTO catalog_grams (catalog_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
END;
CREATE TRIGGER catalog_grams_au AFTER UPDATE OF search_grams ON catalog_versions BEGIN
	INSERT INTO catalog_grams (catalog_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
	INSERT INTO catalog_grams (rowid, search_grams) VALUES (new.id, new.search_grams);
END;
