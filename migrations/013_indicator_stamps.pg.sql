-- 013_indicator_stamps (PostgreSQL: a trigger per statement): a change counter per table that the
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
CREATE FUNCTION indicator_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE name = TG_TABLE_NAME;
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
