-- 032_case_api: deferral (暂缓) and instalments (分期) of 行政处罚法 Art 66(2), and the
-- late fee's payment (Art 72) — docs/cases.md §6 and §10. deferred_from is the day the
-- head approved the deferral (the late fee does not count from it to deferred_until);
-- instalments is the approved schedule as JSON [{amount_fen, due, paid_on?}], the amounts
-- summing to the decided fine; late_fee_paid: the late fee owed on paid_on was paid with
-- the fine.
ALTER TABLE cases ADD COLUMN deferred_from TEXT;
ALTER TABLE cases ADD COLUMN deferred_until TEXT;
ALTER TABLE cases ADD COLUMN instalments TEXT;
ALTER TABLE cases ADD COLUMN late_fee_paid INTEGER NOT NULL DEFAULT 0;
-- The reconsideration/litigation periods during which the late fee does not count (Art 73):
-- JSON [{from, to?}], opened by record_remedy_filed, closed by the outcome.
ALTER TABLE cases ADD COLUMN remedy_pauses TEXT NOT NULL DEFAULT '[]';
-- A complaint or 12345-hotline ticket concerning several agencies is fanned out into one
-- lead per agency (POST /api/v1/leads/fanout); lead_reference is the shared reference
-- (the ticket number) each of them carries.
ALTER TABLE cases ADD COLUMN lead_reference TEXT;
CREATE INDEX cases_lead_reference ON cases (lead_reference);
-- Per-agency case configuration (docs/cases.md §8): the agency's overrides of
-- case_config_default as JSON; '{}' = the defaults.
ALTER TABLE agencies ADD COLUMN case_config TEXT NOT NULL DEFAULT '{}';
