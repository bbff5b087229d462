-- 035_case_referral: referral of jurisdiction (移送管辖, 行政处罚法 Art 22, 25) between
-- agencies — docs/cases.md §10. refer_jurisdiction creates a lead at the receiving agency
-- in the step's transaction. The referring case keeps where it went (referred_to: the new
-- lead's public id, referred_to_agency: that agency's name at the time); the new lead keeps
-- where it came from (referred_from: the referring case's public id, which the receiving
-- agency cannot open; referred_from_agency and referred_from_no: the referring agency's
-- name and its case number, if the case had been filed) and, under Art 25 (first to file),
-- the number of the receiving agency's own filed case against the same party for the same
-- item and an overlapping violation period (referral_prior_case_no), when there is one.
ALTER TABLE cases ADD COLUMN referred_to TEXT;
ALTER TABLE cases ADD COLUMN referred_to_agency TEXT;
ALTER TABLE cases ADD COLUMN referred_from TEXT;
ALTER TABLE cases ADD COLUMN referred_from_agency TEXT;
ALTER TABLE cases ADD COLUMN referred_from_no TEXT;
ALTER TABLE cases ADD COLUMN referral_prior_case_no TEXT;
