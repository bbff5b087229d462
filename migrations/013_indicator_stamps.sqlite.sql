-- 013_indicator_stamps (SQLite: a trigger per row): a change counter per table that the
-- reform indicators read (src/api/claims.c). The indicators of a region on a date are
-- cached in the server under the sum of these counters; a trigger bumps a table's
-- counter inside the writing transaction, so any committed change to regions, agencies,
-- officers, catalog versions, claims or township lists (through the API, the CLI or plain
-- SQL) changes the sum and a cached answer is never served again.
CREATE TABLE indicator_stamps (
	name TEXT PRIMARY KEY,
	n BIGINT NOT NULL DEFAULT 0
);
INSERT INTO indicator_stamps (name) VALUES ('regions'), ('agencies'), ('officers'), ('catalog_versions'),
	('catalog_claims'), ('township_list_items');
CREATE TRIGGER regions_stamp_ai AFTER INSERT ON regions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'regions';
END;
CREATE TRIGGER regions_stamp_au AFTER UPDATE ON regions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'regions';
END;
CREATE TRIGGER regions_stamp_ad AFTER DELETE ON regions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'regions';
END;
CREATE TRIGGER agencies_stamp_ai AFTER INSERT ON agencies BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'agencies';
END;
CREATE TRIGGER agencies_stamp_au AFTER UPDATE ON agencies BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'agencies';
END;
CREATE TRIGGER agencies_stamp_ad AFTER DELETE ON agencies BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'agencies';
END;
CREATE TRIGGER officers_stamp_ai AFTER INSERT ON officers BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'officers';
END;
CREATE TRIGGER officers_stamp_au AFTER UPDATE ON officers BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'officers';
END;
CREATE TRIGGER officers_stamp_ad AFTER DELETE ON officers BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'officers';
END;
CREATE TRIGGER catalog_versions_stamp_ai AFTER INSERT ON catalog_versions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_versions';
END;
CREATE TRIGGER catalog_versions_stamp_au AFTER UPDATE ON catalog_versions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_versions';
END;
CREATE TRIGGER catalog_versions_stamp_ad AFTER DELETE ON catalog_versions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_versions';
END;
CREATE TRIGGER catalog_claims_stamp_ai AFTER INSERT ON catalog_claims BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_claims';
END;
CREATE TRIGGER catalog_claims_stamp_au AFTER UPDATE ON catalog_claims BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_claims';
END;
CREATE TRIGGER catalog_claims_stamp_ad AFTER DELETE ON catalog_claims BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'catalog_claims';
END;
CREATE TRIGGER township_list_items_stamp_ai AFTER INSERT ON township_list_items BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'township_list_items';
END;
CREATE TRIGGER township_list_items_stamp_au AFTER UPDATE ON township_list_items BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'township_list_items';
END;
CREATE TRIGGER township_list_items_stamp_ad AFTER DELETE ON township_list_items BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = 'township_list_items';
END;
