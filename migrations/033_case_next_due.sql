-- 033_case_next_due: a case's stored next due (docs/cases.md §10, domain/case_due.h): the
-- due day of its earliest running, unpaused deadline and whether that day is provisional.
-- Refreshed by every step that changes a deadline and recomputed for all cases when a
-- calendar year is loaded; `zhifa init` / `serve` fill it once for existing cases.
-- Lists: agency + state walks cases_agency_state; the deadline filter and the worklist
-- list the most urgent first, walking cases_agency_due (agency users) or cases_due.
ALTER TABLE cases ADD COLUMN next_due TEXT;
ALTER TABLE cases ADD COLUMN next_due_provisional INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_agency_state ON cases (agency_id, state, public_id);
-- partial: only cases with a running deadline (a range on next_due implies NOT NULL)
CREATE INDEX cases_agency_due ON cases (agency_id, next_due, public_id) WHERE next_due IS NOT NULL;
-- with a state too (both partial indexes hold the open cases only, a few per cent)
CREATE INDEX cases_agency_state_due ON cases (agency_id, state, next_due, public_id) WHERE next_due IS NOT NULL;
-- a region's deadline lists walk every agency's cases by next due
CREATE INDEX cases_due ON cases (next_due, public_id) WHERE next_due IS NOT NULL;
