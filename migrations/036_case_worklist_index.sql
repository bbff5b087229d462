-- 036_case_worklist_index: the worklist and the deadline lists walk (agency_id, next_due)
-- in due order and filter each entry by state and, for an officer's worklist, by
-- investigators LIKE '%id%'. With state and investigators in the index, SQLite tests
-- both on the index entry and seeks the table row only for a case that is listed
-- (OP_DeferredSeek), instead of for every due-soon or overdue case of the agency.
DROP INDEX cases_agency_due;
CREATE INDEX cases_agency_due ON cases (agency_id, next_due, public_id, state, investigators)
	WHERE next_due IS NOT NULL;
