-- What calendar and mail exports need (db/sqlite/V004): an id of this database (so that calendar
-- UIDs of two offices never collide), a revision per session (calendar SEQUENCE), and the log of
-- reminders exported with --once.
CREATE TABLE meta (
    key    TEXT COLLATE "C" PRIMARY KEY,
    value  TEXT COLLATE "C" NOT NULL
);

-- 16 hexadecimal digits, as SQLite's lower(hex(randomblob(8)))
INSERT INTO meta (key, value) VALUES ('instance', substr(md5(random()::text || clock_timestamp()::text), 1, 16));

ALTER TABLE session ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE reminder_log (
    course_id       TEXT COLLATE "C" NOT NULL REFERENCES course(id) ON DELETE CASCADE,
    session_number  BIGINT NOT NULL,
    participant_id  BIGINT NOT NULL REFERENCES participant(id),
    format          TEXT COLLATE "C" NOT NULL,
    exported_at     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (course_id, session_number, participant_id, format)
);
