-- Organisations (db/sqlite/V007): every course and every participant belongs to one. A person's
-- e-mail address is unique per organisation, not across them. What existed before belongs to the
-- organisation 'default'.
CREATE TABLE organisation (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL
);

INSERT INTO organisation (id, name, created_at)
    VALUES ('default', 'Default organisation', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));

ALTER TABLE course ADD COLUMN organisation TEXT COLLATE "C" NOT NULL DEFAULT 'default' REFERENCES organisation (id);

CREATE INDEX course_by_organisation ON course (organisation);

ALTER TABLE participant ADD COLUMN organisation TEXT COLLATE "C" NOT NULL DEFAULT 'default' REFERENCES organisation (id);

-- the unique address per organisation (email_key first: it also finds an address in every organisation)
ALTER TABLE participant DROP CONSTRAINT participant_email_key_key;

ALTER TABLE participant ADD CONSTRAINT participant_email_key_organisation_key UNIQUE (email_key, organisation);

CREATE INDEX participant_by_organisation ON participant (organisation);
