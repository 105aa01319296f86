-- Courses with their sessions, participants and their enrolments.
CREATE TABLE course (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    organiser          TEXT,
    location           TEXT,
    timezone           TEXT NOT NULL,
    language           TEXT NOT NULL,
    capacity           INTEGER CHECK (capacity IS NULL OR capacity > 0),
    min_attendance     TEXT NOT NULL,
    contact_name       TEXT,
    contact_email      TEXT,
    contact_phone      TEXT,
    cert_title         TEXT,
    role_title_f       TEXT,
    role_title_m       TEXT,
    role_title_x       TEXT,
    serial_prefix      TEXT,
    footer             TEXT,
    verify_url         TEXT,
    template           TEXT,
    next_session       INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL
) STRICT;

CREATE TABLE course_trainer (
    course_id  TEXT NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (course_id, position)
) STRICT;

CREATE TABLE course_signatory (
    course_id  TEXT NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT,
    image      TEXT,
    PRIMARY KEY (course_id, position)
) STRICT;

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    course_id  TEXT NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    date       TEXT NOT NULL,
    start      TEXT NOT NULL,
    end        TEXT NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('info', 'module', 'excursion', 'workshop', 'followup')),
    counts     INTEGER NOT NULL CHECK (counts IN (0, 1)),
    required   INTEGER NOT NULL CHECK (required IN (0, 1)),
    cancelled  INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    location   TEXT,
    UNIQUE (course_id, number)
) STRICT;

CREATE INDEX session_by_date ON session (course_id, date);

CREATE TABLE participant (
    id          INTEGER PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    email       TEXT,
    email_key   TEXT UNIQUE,
    phone       TEXT,
    form        TEXT CHECK (form IN ('f', 'm', 'x')),
    birth_date  TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE enrolment (
    course_id       TEXT NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    status          TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn', 'completed')),
    since           TEXT,
    reason          TEXT,
    enrolled_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (course_id, participant_id)
) STRICT;

CREATE INDEX enrolment_by_participant ON enrolment (participant_id);
