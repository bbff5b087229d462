-- 034_case_record_details: what an inquiry or inspection record (调查询问笔录 /
-- 现场检查笔录, 行政处罚法 Art 55) prints besides its date: where it was made and when
-- it began and ended (HH:MM, China time). Optional: records made before keep ''.
ALTER TABLE case_records ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE case_records ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE case_records ADD COLUMN end_time TEXT NOT NULL DEFAULT '';
