-- 010_catalog_search (SQLite): FTS5 with the trigram tokenizer over catalog_versions.
-- search_text, kept in step by triggers inside the writing transaction. Queries of 3 or
-- more characters MATCH it; shorter ones fall back to LIKE (a trigram needs 3).
CREATE VIRTUAL TABLE catalog_fts USING fts5(search_text, content='catalog_versions',
	content_rowid='id', tokenize='trigram');
CREATE TRIGGER catalog_fts_ai AFTER INSERT ON catalog_versions BEGIN
	INSERT INTO catalog_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER catalog_fts_ad AFTER DELETE ON catalog_versions BEGIN
	INSERT INTO catalog_fts (catalog_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER catalog_fts_au AFTER UPDATE OF search_text ON catalog_versions BEGIN
	INSERT INTO catalog_fts (catalog_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
	INSERT INTO catalog_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
