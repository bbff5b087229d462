-- 039_referral_handover: what travels with a referral of jurisdiction (移送管辖,
-- docs/cases.md §10) and what comes back when the receiver refuses it.
-- On the referring case: when the receiving agency returned the referral (退回移送), its
-- reason, that agency's name and the day, recorded when the case goes back to the step
-- it was referred from (referred_to and referred_to_agency are then cleared).
ALTER TABLE cases ADD COLUMN referral_returned_reason TEXT;
ALTER TABLE cases ADD COLUMN referral_returned_by TEXT;
ALTER TABLE cases ADD COLUMN referral_returned_on TEXT;
-- The evidence handed over with a referral is shared with the receiving agency by a grant
-- (证据互认) and attached to its lead: referral_lead names that lead, so that a returned
-- referral revokes exactly those grants.
ALTER TABLE evidence_grants ADD COLUMN referral_lead TEXT;
CREATE INDEX evidence_grants_referral ON evidence_grants (referral_lead);
