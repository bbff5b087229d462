-- 013_indicator_stamps (SQLite: a trigger per row): a change counter for the tables the
-- reform indicators read (src/api/claims.c). The counts behind the indicators of a region
-- on a date are cached in the server under this counter; a trigger bumps it inside the
-- writing transaction, so any committed change to regions, agencies, officers, catalog
-- versions, claims or township lists (through the API, the CLI or plain SQL) changes it
-- and a cached answer is never served again.
CREATE TABLE indicator_stamp (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	n BIGINT NOT NULL
);
INSERT INTO indicator_stamp (one, n) VALUES (1, 0);
CREATE TRIGGER regions_stamp_ai AFTER INSERT ON regions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER regions_stamp_au AFTER UPDATE ON regions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER regions_stamp_ad AFTER DELETE ON regions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER agencies_stamp_ai AFTER INSERT ON agencies BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER agencies_stamp_au AFTER UPDATE ON agencies BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER agencies_stamp_ad AFTER DELETE ON agencies BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER officers_stamp_ai AFTER INSERT ON officers BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER officers_stamp_au AFTER UPDATE ON officers BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER officers_stamp_ad AFTER DELETE ON officers BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_versions_stamp_ai AFTER INSERT ON catalog_versions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_versions_stamp_au AFTER UPDATE ON catalog_versions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_versions_stamp_ad AFTER DELETE ON catalog_versions BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_claims_stamp_ai AFTER INSERT ON catalog_claims BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_claims_stamp_au AFTER UPDATE ON catalog_claims BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER catalog_claims_stamp_ad AFTER DELETE ON catalog_claims BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER township_list_items_stamp_ai AFTER INSERT ON township_list_items BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER township_list_items_stamp_au AFTER UPDATE ON township_list_items BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
CREATE TRIGGER township_list_items_stamp_ad AFTER DELETE ON township_list_items BEGIN
	UPDATE indicator_stamp SET n = n + 1;
END;
