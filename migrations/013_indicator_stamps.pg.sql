-- 013_indicator_stamps (PostgreSQL: a trigger per statement): a change counter for the tables the
-- reform indicators read (src/api/claims.c). The counts behind the indicators of a region
-- on a date are cached in the server under this counter; a trigger bumps it inside the
-- writing transaction, so any committed change to regions, agencies, officers, catalog
-- versions, claims or township lists (through the API, the CLI or plain SQL) changes it
-- and a cached answer is never served again. One row, not one per
-- table: a transaction that writes several of the tables takes one lock, so two such
-- transactions wait for each other instead of deadlocking on the counters.
CREATE TABLE indicator_stamp (
	one INTEGER PRIMARY KEY CHECK (one = 1),
	n BIGINT NOT NULL
);
INSERT INTO indicator_stamp (one, n) VALUES (1, 0);
CREATE FUNCTION indicator_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE indicator_stamp SET n = n + 1;
	RETURN NULL;
END;
$$;
CREATE TRIGGER regions_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
CREATE TRIGGER agencies_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
CREATE TRIGGER officers_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON officers
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
CREATE TRIGGER catalog_versions_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_versions
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
CREATE TRIGGER catalog_claims_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_claims
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
CREATE TRIGGER township_list_items_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON township_list_items
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_stamp_bump();
