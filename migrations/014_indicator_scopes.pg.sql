-- 014_indicator_scopes (PostgreSQL: triggers per statement, with transition tables): the
-- change stamps of migration 013 split by scope, so that a change recomputes only what it
-- touches (src/api/claims.c, the indicators' cache; docs/claims.md §indicators). A row
-- per scope, bumped inside the writing transaction by a trigger on each table the
-- indicators read:
--   'regions'           any region (the townships of a subtree, the level of an agency's region)
--   'catalog'           any catalog version (the penalty counts)
--   'catalog:township'  a version at township level before or after the change (the match)
--   'a:' || agency id   the agency or one of its officers (the staff counts: their SUM)
--   'r:' || region code a claim or a township list entry in the region (a township's match)
--   'all'               a TRUNCATE of any of the tables (everything)
-- An UPDATE bumps only for rows whose columns the indicators read changed (an officer's
-- training hours or a version's legal basis change nothing). A stamp only grows and no row is deleted, so a sum of stamps changes whenever one of
-- them does. Per scope rather than one row: a writer locks only the rows of the
-- townships and agencies it writes, so writers of different ones do not wait for one
-- another until commit as they did on 013's single row. A statement bumps its rows in
-- scope order; two transactions that write the same two scopes in opposite orders across
-- statements can deadlock, and PostgreSQL then aborts one (SQLSTATE 40P01).
DROP TRIGGER regions_stamp ON regions;
DROP TRIGGER agencies_stamp ON agencies;
DROP TRIGGER officers_stamp ON officers;
DROP TRIGGER catalog_versions_stamp ON catalog_versions;
DROP TRIGGER catalog_claims_stamp ON catalog_claims;
DROP TRIGGER township_list_items_stamp ON township_list_items;
DROP FUNCTION indicator_stamp_bump();
DROP TABLE indicator_stamp;

CREATE TABLE indicator_stamps (
	scope TEXT PRIMARY KEY,
	n BIGINT NOT NULL
);
INSERT INTO indicator_stamps (scope, n) VALUES ('regions', 0), ('catalog', 0), ('catalog:township', 0), ('all', 0);

CREATE FUNCTION indicator_bump_regions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'regions';
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'all';
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	town BOOLEAN;
BEGIN
	IF TG_OP = 'INSERT' THEN
		town := EXISTS (SELECT 1 FROM new_rows WHERE level = 'township');
	ELSIF TG_OP = 'UPDATE' THEN
		-- the rows changed in a column the indicators read
		IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
			       WHERE (n.code, n.name, n.kind, n.level, n.mode, n.scope, n.effective_from, n.effective_to)
				     IS DISTINCT FROM (o.code, o.name, o.kind, o.level, o.mode, o.scope, o.effective_from, o.effective_to)) THEN
			-- (an id changed: rows without a pair count as changed)
			IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)) THEN
				RETURN NULL;
			END IF;
		END IF;
		town := EXISTS (SELECT 1 FROM new_rows n WHERE level = 'township'
				AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id))
			OR EXISTS (SELECT 1 FROM old_rows o WHERE level = 'township'
				AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id))
			OR EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
				WHERE (n.level = 'township' OR o.level = 'township')
				  AND (n.code, n.name, n.level, n.scope, n.effective_from, n.effective_to)
				      IS DISTINCT FROM (o.code, o.name, o.level, o.scope, o.effective_from, o.effective_to));
	ELSE
		town := EXISTS (SELECT 1 FROM old_rows WHERE level = 'township');
	END IF;
	UPDATE indicator_stamps SET n = n + 1 WHERE scope = 'catalog' OR (scope = 'catalog:township' AND town);
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_keys(keys TEXT[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO indicator_stamps (scope, n) SELECT DISTINCT k, 1 FROM unnest(keys) AS k ORDER BY k
		ON CONFLICT (scope) DO UPDATE SET n = indicator_stamps.n + 1;
$$;
CREATE FUNCTION indicator_bump_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || region_code FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || x.k FROM new_rows n JOIN old_rows o ON o.id = n.id,
						  LATERAL (VALUES (n.region_code), (o.region_code)) AS x(k)
						  WHERE (n.region_code, n.item_code, n.effective_from, n.effective_to) IS DISTINCT FROM (o.region_code, o.item_code, o.effective_from, o.effective_to)
						  UNION SELECT 'r:' || n.region_code FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
						  UNION SELECT 'r:' || o.region_code FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
	ELSE
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || region_code FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || region_code FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || x.k FROM new_rows n JOIN old_rows o ON o.id = n.id,
						  LATERAL (VALUES (n.region_code), (o.region_code)) AS x(k)
						  WHERE (n.region_code, n.item_code, n.name) IS DISTINCT FROM (o.region_code, o.item_code, o.name)
						  UNION SELECT 'r:' || n.region_code FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
						  UNION SELECT 'r:' || o.region_code FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
	ELSE
		PERFORM indicator_bump_keys(ARRAY(SELECT 'r:' || region_code FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_officers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || agency_id FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || x.k FROM new_rows n JOIN old_rows o ON o.id = n.id,
						  LATERAL (VALUES (n.agency_id), (o.agency_id)) AS x(k)
						  WHERE (n.agency_id, n.status, n.cert_issued, n.cert_expires) IS DISTINCT FROM (o.agency_id, o.status, o.cert_issued, o.cert_expires)
						  UNION SELECT 'a:' || n.agency_id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
						  UNION SELECT 'a:' || o.agency_id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
	ELSE
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || agency_id FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION indicator_bump_agencies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || id FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || x.k FROM new_rows n JOIN old_rows o ON o.id = n.id,
						  LATERAL (VALUES (n.id), (o.id)) AS x(k)
						  WHERE (n.id, n.region_code) IS DISTINCT FROM (o.id, o.region_code)
						  UNION SELECT 'a:' || n.id FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
						  UNION SELECT 'a:' || o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)));
	ELSE
		PERFORM indicator_bump_keys(ARRAY(SELECT 'a:' || id FROM old_rows));
	END IF;
	RETURN NULL;
END;
$$;

CREATE TRIGGER regions_stamp AFTER INSERT OR DELETE ON regions
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_regions();
CREATE TRIGGER regions_stamp_u AFTER UPDATE ON regions FOR EACH ROW
	WHEN ((NEW.code, NEW.level, NEW.parent_code) IS DISTINCT FROM (OLD.code, OLD.level, OLD.parent_code))
	EXECUTE FUNCTION indicator_bump_regions();
CREATE TRIGGER catalog_versions_stamp_i AFTER INSERT ON catalog_versions REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_versions();
CREATE TRIGGER catalog_versions_stamp_u AFTER UPDATE ON catalog_versions
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_versions();
CREATE TRIGGER catalog_versions_stamp_d AFTER DELETE ON catalog_versions REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_versions();
CREATE TRIGGER catalog_claims_stamp_i AFTER INSERT ON catalog_claims REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_claims();
CREATE TRIGGER catalog_claims_stamp_u AFTER UPDATE ON catalog_claims
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_claims();
CREATE TRIGGER catalog_claims_stamp_d AFTER DELETE ON catalog_claims REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_claims();
CREATE TRIGGER township_list_items_stamp_i AFTER INSERT ON township_list_items REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_lists();
CREATE TRIGGER township_list_items_stamp_u AFTER UPDATE ON township_list_items
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_lists();
CREATE TRIGGER township_list_items_stamp_d AFTER DELETE ON township_list_items REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_lists();
CREATE TRIGGER officers_stamp_i AFTER INSERT ON officers REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_officers();
CREATE TRIGGER officers_stamp_u AFTER UPDATE ON officers
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_officers();
CREATE TRIGGER officers_stamp_d AFTER DELETE ON officers REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_officers();
CREATE TRIGGER agencies_stamp_i AFTER INSERT ON agencies REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_agencies();
CREATE TRIGGER agencies_stamp_u AFTER UPDATE ON agencies
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_agencies();
CREATE TRIGGER agencies_stamp_d AFTER DELETE ON agencies REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_agencies();
CREATE TRIGGER regions_truncate AFTER TRUNCATE ON regions FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
CREATE TRIGGER catalog_versions_truncate AFTER TRUNCATE ON catalog_versions FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
CREATE TRIGGER catalog_claims_truncate AFTER TRUNCATE ON catalog_claims FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
CREATE TRIGGER township_list_items_truncate AFTER TRUNCATE ON township_list_items FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
CREATE TRIGGER officers_truncate AFTER TRUNCATE ON officers FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
CREATE TRIGGER agencies_truncate AFTER TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION indicator_bump_all();
