-- 043_officer_legal_review_since: the day an officer first did legal review (法制审核)
-- and the document showing it (e.g. an earlier 法制审核意见书's number). 行政处罚法
-- Art 58(2) asks the 法律职业资格 only of a person who does legal review for the first
-- time; one who already did it before the revised law took effect (2021-07-15, Art 86)
-- may go on without it — docs/cases.md §"Legal review".
ALTER TABLE officers ADD COLUMN legal_review_since TEXT;
ALTER TABLE officers ADD COLUMN legal_review_note TEXT;
