-- 021_evidence_uploads: resumable evidence uploads (tus 1.0 core, creation, expiration,
-- termination; docs/evidence.md). A row is an upload in progress: its bytes so far
-- live in objects/tmp/resumable-<public_id>, never under a content address, so
-- nothing half-stored is ever evidence. `received` is the offset acknowledged to the
-- client (the file is fsync'd before it moves). When the last byte arrives and the
-- digests match, the evidence row is inserted and evidence_id set in one transaction;
-- the row stays until it expires so that a client whose last answer was lost can
-- learn the evidence it made. Expired rows and their files are swept.

CREATE TABLE evidence_uploads (
	id            {{ID}},
	public_id     TEXT NOT NULL UNIQUE,
	agency_id     BIGINT NOT NULL REFERENCES agencies(id),  -- the uploader's agency
	length        BIGINT NOT NULL CHECK (length > 0),
	received      BIGINT NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= length),
	metadata      TEXT NOT NULL,          -- the decoded evidence metadata (JSON)
	declared_type TEXT,                   -- Upload-Metadata filetype
	expect_sha256 TEXT,                   -- Upload-Metadata sha256, hex, or NULL
	evidence_id   TEXT,                   -- the evidence made at completion
	expires_at    TEXT NOT NULL,          -- UTC ISO 8601; refreshed by every PATCH
	created_by    TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX evidence_uploads_expiry ON evidence_uploads (expires_at);
