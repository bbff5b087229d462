-- 014_indicator_indexes: the counts read on a cold request without walking the versions' rows: the penalty items
-- by (kind, level, mode) and the township items by level, both in force on a date
CREATE INDEX catalog_versions_counts ON catalog_versions (kind, level, mode, effective_from, effective_to, scope);
CREATE INDEX catalog_versions_level ON catalog_versions (level, code);
