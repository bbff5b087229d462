-- 016_indicator_names (SQLite): a township-level version's name read apart from the rest
-- (src/api/claims.c, the indicators' cache; docs/claims.md). A name matters to a
-- township's match only when the township's list has an entry without a code (matched by
-- name), so a renamed township item now bumps 'catalog:township-names' (those townships)
-- instead of 'catalog:township' (every township); its code, level, scope or dates still
-- bump 'catalog:township', its kind or mode only 'catalog' (the penalty counts).
INSERT INTO indicator_stamps (scope, n) VALUES ('catalog:township-names', 0);
DROP TRIGGER catalog_versions_stamp_au;
CREATE TRIGGER catalog_versions_stamp_au AFTER UPDATE ON catalog_versions
	WHEN NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name OR NEW.kind IS NOT OLD.kind
	OR NEW.level IS NOT OLD.level OR NEW.mode IS NOT OLD.mode OR NEW.scope IS NOT OLD.scope
	OR NEW.effective_from IS NOT OLD.effective_from OR NEW.effective_to IS NOT OLD.effective_to BEGIN
	UPDATE indicator_stamps SET n = n + 1
	 WHERE scope = 'catalog'
	    OR (scope = 'catalog:township' AND (NEW.level = 'township' OR OLD.level = 'township')
		AND (NEW.code IS NOT OLD.code OR NEW.level IS NOT OLD.level OR NEW.scope IS NOT OLD.scope
		     OR NEW.effective_from IS NOT OLD.effective_from OR NEW.effective_to IS NOT OLD.effective_to))
	    OR (scope = 'catalog:township-names' AND (NEW.level = 'township' OR OLD.level = 'township')
		AND NEW.name IS NOT OLD.name);
END;
