-- The audit trail (who changed what and when; ids and serials only, never names) and the mark
-- of erased participants.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    course_id  TEXT,
    action     TEXT NOT NULL,
    subject    TEXT,
    detail     TEXT
) STRICT;

CREATE INDEX audit_by_course ON audit (course_id, id);

ALTER TABLE participant ADD COLUMN erased_at TEXT;
