-- 005_ledger_tail: the newest entry carries the log's end (docs/ledger.md §7).
-- tail is 1 on the entry with the greatest seq and NULL on every other. An append
-- clears the previous entry's mark and sets its own, so removing entries from the end
-- leaves a last entry without the mark, which `zhifa ledger verify` reports; an append
-- refuses to continue a log whose last entry is not marked. The mark sits in the
-- row the append writes anyway (on SQLite the B-tree page of the newest entries), so
-- SQLite no longer rewrites the ledger_head page per entry: there the size is
-- max(seq) + 1 and ledger_head.next is a lower bound, raised at the first entry and at
-- every checkpoint size (LEDGER_CHECKPOINT_EVERY). PostgreSQL still takes every index
-- from ledger_head under its row lock, so there next stays exact.
ALTER TABLE ledger_entries ADD COLUMN tail INTEGER CHECK (tail = 1);
UPDATE ledger_entries SET tail = 1 WHERE seq = (SELECT max(seq) FROM ledger_entries);
