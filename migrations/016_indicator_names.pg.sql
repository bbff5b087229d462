-- 016_indicator_names (PostgreSQL): a township-level version's name read apart from the
-- rest (src/api/claims.c, the indicators' cache; docs/claims.md). A name matters to a
-- township's match only when the township's list has an entry without a code (matched by
-- name), so a renamed township item now bumps 'catalog:township-names' (those townships)
-- instead of 'catalog:township' (every township); its code, level, scope or dates still
-- bump 'catalog:township', its kind or mode only 'catalog' (the penalty counts).
INSERT INTO indicator_stamps (scope, n) VALUES ('catalog:township-names', 0);
CREATE OR REPLACE FUNCTION indicator_bump_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	town BOOLEAN;
	names BOOLEAN := FALSE;
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
				  AND (n.code, n.level, n.scope, n.effective_from, n.effective_to)
				      IS DISTINCT FROM (o.code, o.level, o.scope, o.effective_from, o.effective_to));
		names := EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
				WHERE (n.level = 'township' OR o.level = 'township') AND n.name IS DISTINCT FROM o.name);
	ELSE
		town := EXISTS (SELECT 1 FROM old_rows WHERE level = 'township');
	END IF;
	UPDATE indicator_stamps SET n = n + 1
	 WHERE scope = 'catalog' OR (scope = 'catalog:township' AND town) OR (scope = 'catalog:township-names' AND names);
	RETURN NULL;
END;
$$;
