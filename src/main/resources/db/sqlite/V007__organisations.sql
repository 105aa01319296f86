-- Organisations (the towns of a programme): every course and every participant belongs to one.
-- A person's e-mail address is unique per organisation, not across them (two towns may know the
-- same person). What existed before belongs to the organisation 'default'.
-- Runs with foreign keys off (as every migration: see SqliteStore.migrateTo) and is checked before
-- its commit.
CREATE TABLE organisation (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

INSERT INTO organisation (id, name, created_at)
    VALUES ('default', 'Default organisation', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

ALTER TABLE course ADD COLUMN organisation TEXT NOT NULL DEFAULT 'default' REFERENCES organisation (id);

CREATE INDEX course_by_organisation ON course (organisation);

-- participant: rebuilt, as SQLite cannot drop the unique constraint on email_key alone; the new one
-- (email_key first) also finds an address in every organisation
CREATE TABLE participant_new (
    id            INTEGER PRIMARY KEY,
    organisation  TEXT NOT NULL DEFAULT 'default' REFERENCES organisation (id),
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT,
    email_key     TEXT,
    phone         TEXT,
    form          TEXT CHECK (form IN ('f', 'm', 'x')),
    birth_date    TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    erased_at     TEXT,
    UNIQUE (email_key, organisation)
) STRICT;

INSERT INTO participant_new (id, organisation, first_name, last_name, email, email_key, phone, form, birth_date, note,
        created_at, updated_at, erased_at)
    SELECT id, 'default', first_name, last_name, email, email_key, phone, form, birth_date, note,
        created_at, updated_at, erased_at FROM participant;

DROP TABLE participant;

ALTER TABLE participant_new RENAME TO participant;
