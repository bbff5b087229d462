-- 014_indicator_scopes (SQLite: triggers per row): the change stamps of migration 013 split
-- by scope, so that a change recomputes only what it touches (src/api/claims.c, the
-- indicators' cache; docs/claims.md §indicators). A row per scope, bumped inside the
-- writing transaction by a trigger on each table the indicators read:
--   'regions'           any region (the townships of a subtree, the level of an agency's region)
--   'catalog'           any catalog version (the penalty counts)
--   'catalog:township'  a version at township level before or after the change (the match)
--   'a:' || agency id   the agency or one of its officers (the staff counts: their SUM)
--   'r:' || region code a claim or a township list entry in the region (a township's match)
--   'all'               PostgreSQL's TRUNCATE of any of the tables (everything)
-- An UPDATE bumps only when it changes a column the indicators read (an officer's
-- training hours or a version's legal basis change nothing). A stamp only grows and no row is deleted, so a sum of stamps changes whenever one of
-- them does. Per scope rather than one row: writers of different townships or agencies
-- do not wait for one another on PostgreSQL.
DROP TRIGGER regions_stamp_ai;
DROP TRIGGER regions_stamp_au;
DROP TRIGGER regions_stamp_ad;
DROP TRIGGER agencies_stamp_ai;
DROP TRIGGER agencies_stamp_au;
DROP TRIGGER agencies_stamp_ad;
DROP TRIGGER officers_stamp_ai;
DROP TRIGGER officers_stamp_au;
DROP TRIGGER officers_stamp_ad;
DROP TRIGGER catalog_versions_stamp_ai;
DROP TRIGGER catalog_versions_stamp_au;
DROP TRIGGER catalog_versions_stamp_ad;
DROP TRIGGER catalog_claims_stamp_ai;
DROP TRIGGER catalog_claims_stamp_au;
DROP TRIGGER catalog_claims_stamp_ad;
DROP TRIGGER township_list_items_stamp_ai;
DROP TRIGGER township_list_items_stamp_au;
DROP TRIGGER township_list_items_stamp_ad;
DROP TABLE indicator_stamp;

CREATE TABLE indicator_stamps (
	scope TEXT PRIMARY KEY,
	n BIGINT NOT NULL
);
INSERT INTO indicator_stamps (scope, n) VALUES ('regions', 0), ('catalog', 0), ('catalog:township', 0), ('all', 0);

CREATE TRIGGER regions_stamp_ai AFTER INSERT ON regions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'regions';
END;
CREATE TRIGGER regions_stamp_au AFTER UPDATE ON regions
	WHEN NEW.code IS NOT OLD.code OR NEW.level IS NOT OLD.level OR NEW.parent_code IS NOT OLD.parent_code BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'regions';
END;
CREATE TRIGGER regions_stamp_ad AFTER DELETE ON regions BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'regions';
END;

CREATE TRIGGER catalog_versions_stamp_ai AFTER INSERT ON catalog_versions BEGIN
	UPDATE indicator_stamps SET n = n + 1
	 WHERE scope = 'catalog' OR (scope = 'catalog:township' AND NEW.level = 'township');
END;
CREATE TRIGGER catalog_versions_stamp_au AFTER UPDATE ON catalog_versions
	WHEN NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.kind IS NOT OLD.kind
	OR NEW.level IS NOT OLD.level OR NEW.mode IS NOT OLD.mode OR NEW.scope IS NOT OLD.scope
	OR NEW.effective_from IS NOT OLD.effective_from OR NEW.effective_to IS NOT OLD.effective_to BEGIN
	UPDATE indicator_stamps SET n = n + 1
	 WHERE scope = 'catalog' OR (scope = 'catalog:township' AND (NEW.level = 'township' OR OLD.level = 'township'));
END;
CREATE TRIGGER catalog_versions_stamp_ad AFTER DELETE ON catalog_versions BEGIN
	UPDATE indicator_stamps SET n = n + 1
	 WHERE scope = 'catalog' OR (scope = 'catalog:township' AND OLD.level = 'township');
END;

CREATE TRIGGER agencies_stamp_ai AFTER INSERT ON agencies BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || NEW.id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER agencies_stamp_au AFTER UPDATE ON agencies
	WHEN NEW.id IS NOT OLD.id OR NEW.region_code IS NOT OLD.region_code BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || NEW.id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || OLD.id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER agencies_stamp_ad AFTER DELETE ON agencies BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || OLD.id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER officers_stamp_ai AFTER INSERT ON officers BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || NEW.agency_id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER officers_stamp_au AFTER UPDATE ON officers
	WHEN NEW.agency_id IS NOT OLD.agency_id OR NEW.status IS NOT OLD.status
	OR NEW.cert_issued IS NOT OLD.cert_issued OR NEW.cert_expires IS NOT OLD.cert_expires BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || NEW.agency_id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || OLD.agency_id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER officers_stamp_ad AFTER DELETE ON officers BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('a:' || OLD.agency_id, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER catalog_claims_stamp_ai AFTER INSERT ON catalog_claims BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || NEW.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER catalog_claims_stamp_au AFTER UPDATE ON catalog_claims
	WHEN NEW.region_code IS NOT OLD.region_code OR NEW.item_code IS NOT OLD.item_code
	OR NEW.effective_from IS NOT OLD.effective_from OR NEW.effective_to IS NOT OLD.effective_to BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || NEW.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || OLD.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER catalog_claims_stamp_ad AFTER DELETE ON catalog_claims BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || OLD.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER township_list_items_stamp_ai AFTER INSERT ON township_list_items BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || NEW.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER township_list_items_stamp_au AFTER UPDATE ON township_list_items
	WHEN NEW.region_code IS NOT OLD.region_code OR NEW.item_code IS NOT OLD.item_code OR NEW.name IS NOT OLD.name BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || NEW.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || OLD.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER township_list_items_stamp_ad AFTER DELETE ON township_list_items BEGIN
	INSERT INTO indicator_stamps (scope, n) VALUES ('r:' || OLD.region_code, 1) ON CONFLICT (scope) DO UPDATE SET n = n + 1;
END;

