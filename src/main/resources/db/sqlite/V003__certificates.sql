-- The certificate register: one certificate per participant and course, with a gap-free serial
-- per course, a verification code, what was printed (a snapshot at issue time) and every revision's PDF hash.
CREATE TABLE certificate (
    id              INTEGER PRIMARY KEY,
    course_id       TEXT NOT NULL REFERENCES course(id),
    participant_id  INTEGER REFERENCES participant(id),
    seq             INTEGER NOT NULL,
    serial          TEXT NOT NULL UNIQUE,
    code            TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    form            TEXT,
    texts           TEXT NOT NULL,
    issued_on       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
    revoked_at      TEXT,
    revoke_reason   TEXT,
    UNIQUE (course_id, seq),
    UNIQUE (course_id, participant_id)
) STRICT;

CREATE TABLE certificate_revision (
    certificate_id  INTEGER NOT NULL REFERENCES certificate(id),
    revision        INTEGER NOT NULL,
    file            TEXT NOT NULL,
    sha256          TEXT,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (certificate_id, revision)
) STRICT;

CREATE INDEX certificate_revision_by_hash ON certificate_revision (sha256);
