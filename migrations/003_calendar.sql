-- 003_calendar: the working-day calendar, one row per year in the text format of
-- data/calendar/README.md. `zhifa init` seeds the years shipped with the binary; an
-- admin adds later years (PUT /api/v1/calendar/years/{year} or `zhifa calendar load`).
CREATE TABLE calendar_years (
	year       INTEGER PRIMARY KEY,
	data       TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
);
