-- 038_case_late_fee_paid_on: the day the late fee (加处罚款, 行政处罚法 Art 72(1)) was
-- paid. A party may pay the fine alone: the fine is recorded as paid (paid_on), the late
-- fee stops on that day and stays owed until it is paid later (late_fee_paid,
-- late_fee_paid_on) or enforced — docs/cases.md §6.
ALTER TABLE cases ADD COLUMN late_fee_paid_on TEXT;
