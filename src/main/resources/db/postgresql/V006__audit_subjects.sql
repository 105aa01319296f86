-- What an audit entry is about, as columns rather than formatted text (db/sqlite/V006): the
-- certificate (serial) of the certificate.* entries, and every participant an entry names.
ALTER TABLE audit ADD COLUMN serial TEXT COLLATE "C";

CREATE TABLE audit_participant (
    audit_id       BIGINT NOT NULL REFERENCES audit (id),
    participant_id BIGINT NOT NULL,
    PRIMARY KEY (audit_id, participant_id)
);

CREATE INDEX audit_participant_by_participant ON audit_participant (participant_id, audit_id);

-- Existing entries: filled from the text they were written with.
UPDATE audit SET serial = subject WHERE action LIKE 'certificate.%' AND subject IS NOT NULL;

-- "participant 7" as subject (participant.erased, participant.purged) or detail (certificate.issued)
INSERT INTO audit_participant (audit_id, participant_id)
    SELECT id, CAST(substr(subject, 13) AS BIGINT) FROM audit
    WHERE subject ~ '^participant [0-9]+$' AND action IN ('participant.erased', 'participant.purged')
    UNION
    SELECT id, CAST(substr(detail, 13) AS BIGINT) FROM audit
    WHERE detail ~ '^participant [0-9]+$' AND action = 'certificate.issued'
    ON CONFLICT DO NOTHING;

-- attendance.*: "N record(s); changed: participant 5, session 3: present -> absent; participant 7, ..."
INSERT INTO audit_participant (audit_id, participant_id)
    WITH RECURSIVE change (audit_id, rest, participant_id) AS (
        SELECT id, substr(detail, strpos(detail, '; changed: ') + 11) || '; ', CAST(NULL AS BIGINT) FROM audit
        WHERE action IN ('attendance.recorded', 'attendance.imported') AND strpos(detail, '; changed: ') > 0
        UNION ALL
        SELECT audit_id, substr(rest, strpos(rest, '; ') + 2),
               CAST(substr(rest, 13, strpos(rest, ',') - 13) AS BIGINT)
        FROM change WHERE rest ~ '^participant [0-9]+, '
    )
    SELECT DISTINCT audit_id, participant_id FROM change WHERE participant_id IS NOT NULL
    ON CONFLICT DO NOTHING;
