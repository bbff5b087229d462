-- 006_ledger_obj_batched: the per-object index without a page write per append
-- (docs/ledger.md §7). The (obj_type, obj_id, seq) index took one to two B-tree pages
-- per commit (the object's page in the middle of the index, and the siblings it
-- rebalances), each a 4 KiB WAL frame written before the fdatasync. It now covers only
-- entries with obj_indexed = 1. On SQLite an entry is written with obj_indexed NULL
-- and the append that completes each block of LEDGER_OBJ_BATCH (1,000) entries marks
-- the block's entries (one batch: the index pages it touches, once); PostgreSQL writes
-- obj_indexed = 1 at once. Every entry before the last block boundary carries the mark
-- (`zhifa ledger verify` checks it), so a look-up by object is the index plus a scan of
-- the newest 1,000 entries (seq >= size - 1,000, obj_indexed NULL). Existing entries are
-- all marked here.
ALTER TABLE ledger_entries ADD COLUMN obj_indexed INTEGER CHECK (obj_indexed = 1);
UPDATE ledger_entries SET obj_indexed = 1;
DROP INDEX ledger_obj;
CREATE INDEX ledger_obj ON ledger_entries (obj_type, obj_id, seq) WHERE obj_indexed = 1;
