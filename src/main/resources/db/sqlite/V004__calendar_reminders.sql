-- What calendar and mail exports need: an id of this database (so that calendar UIDs of two
-- offices never collide), a revision per session (calendar SEQUENCE), and the log of reminders
-- exported with --once.
CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('instance', lower(hex(randomblob(8))));

ALTER TABLE session ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reminder_log (
    course_id       TEXT NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    session_number  INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    format          TEXT NOT NULL,
    exported_at     TEXT NOT NULL,
    PRIMARY KEY (course_id, session_number, participant_id, format)
) STRICT;
