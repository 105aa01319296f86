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

-- The register's access rules, enforced by PostgreSQL itself, so that psql as a user sees no more
-- than coursekit shows them. The user who owns the tables (who ran init) is the register's admin
-- and sees everything (an owner is not subject to row-level security). Others see what their
-- grants (db grant) allow: an organiser the rows of their organisations, a coordinator the rows of
-- every organisation but no personal columns of participants (column privileges, given by
-- db grant). The privileges on tables are granted to each user by db grant; these are the rows.
CREATE TABLE register_grant (
    pguser        TEXT COLLATE "C" NOT NULL,
    organisation  TEXT COLLATE "C" NOT NULL REFERENCES organisation (id),
    role          TEXT COLLATE "C" NOT NULL CHECK (role IN ('organiser', 'coordinator')),
    granted_at    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (pguser, organisation)
);

ALTER TABLE register_grant ENABLE ROW LEVEL SECURITY;

CREATE POLICY own_grants ON register_grant FOR SELECT USING (pguser = current_user);

ALTER TABLE organisation ENABLE ROW LEVEL SECURITY;

CREATE POLICY by_grant ON organisation FOR SELECT USING (
    id IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser')
    OR EXISTS (SELECT 1 FROM register_grant g WHERE g.pguser = current_user AND g.role = 'coordinator'));

ALTER TABLE course ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_by_grant ON course FOR SELECT USING (
    organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser')
    OR EXISTS (SELECT 1 FROM register_grant g WHERE g.pguser = current_user AND g.role = 'coordinator'));

CREATE POLICY organiser ON course FOR ALL
    USING (organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser'))
    WITH CHECK (organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser'));

ALTER TABLE participant ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_by_grant ON participant FOR SELECT USING (
    organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser')
    OR EXISTS (SELECT 1 FROM register_grant g WHERE g.pguser = current_user AND g.role = 'coordinator'));

CREATE POLICY organiser ON participant FOR ALL
    USING (organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser'))
    WITH CHECK (organisation IN (SELECT g.organisation FROM register_grant g WHERE g.pguser = current_user AND g.role = 'organiser'));

-- the rows of a course the user sees (coordinators have no write privileges at all)
ALTER TABLE course_trainer ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON course_trainer FOR ALL USING (course_id IN (SELECT id FROM course));

ALTER TABLE course_signatory ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON course_signatory FOR ALL USING (course_id IN (SELECT id FROM course));

ALTER TABLE session ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON session FOR ALL USING (course_id IN (SELECT id FROM course));

ALTER TABLE enrolment ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON enrolment FOR ALL USING (course_id IN (SELECT id FROM course) AND participant_id IN (SELECT id FROM participant));

ALTER TABLE reminder_log ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON reminder_log FOR ALL USING (course_id IN (SELECT id FROM course));

ALTER TABLE certificate ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course ON certificate FOR ALL USING (course_id IN (SELECT id FROM course));

ALTER TABLE certificate_revision ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_certificate ON certificate_revision FOR ALL USING (certificate_id IN (SELECT id FROM certificate));

ALTER TABLE attendance ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_session ON attendance FOR ALL USING (session_id IN (SELECT id FROM session) AND participant_id IN (SELECT id FROM participant));

ALTER TABLE audit ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_course_or_person ON audit FOR SELECT USING (course_id IN (SELECT id FROM course)
    OR course_id IS NULL AND id IN (SELECT audit_id FROM audit_participant));

CREATE POLICY writes ON audit FOR INSERT WITH CHECK (course_id IS NULL OR course_id IN (SELECT id FROM course));

ALTER TABLE audit_participant ENABLE ROW LEVEL SECURITY;

CREATE POLICY of_person ON audit_participant FOR ALL USING (participant_id IN (SELECT id FROM participant));

-- certify verify finds any organisation's certificate for every user: what verify shows, by code,
-- serial or id, and the certificate and revision of a PDF's hash (these run as the admin)
CREATE FUNCTION coursekit_verifiable(p_by TEXT, p_value TEXT)
    RETURNS TABLE (id BIGINT, course_id TEXT, participant_id BIGINT, seq BIGINT, serial TEXT, code TEXT, full_name TEXT,
                   texts TEXT, issued_on TEXT, status TEXT, revoked_at TEXT, revoke_reason TEXT, revision BIGINT,
                   file TEXT, sha256 TEXT, revised_at TEXT, course_title TEXT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT c.id, c.course_id, c.participant_id, c.seq, c.serial, c.code, c.full_name, c.texts, c.issued_on, c.status,
           c.revoked_at, c.revoke_reason, r.revision, r.file, r.sha256, r.created_at, k.title
    FROM certificate c
    JOIN certificate_revision r ON r.certificate_id = c.id
      AND r.revision = (SELECT MAX(revision) FROM certificate_revision WHERE certificate_id = c.id)
    JOIN course k ON k.id = c.course_id
    WHERE p_by = 'code' AND c.code = p_value OR p_by = 'serial' AND c.serial = p_value
       OR p_by = 'id' AND CAST(c.id AS TEXT) = p_value
    $$;

CREATE FUNCTION coursekit_revision_by_hash(p_sha256 TEXT)
    RETURNS TABLE (certificate_id BIGINT, revision BIGINT)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT certificate_id, revision FROM certificate_revision WHERE sha256 = p_sha256
    $$;
