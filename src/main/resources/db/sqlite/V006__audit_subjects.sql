-- What an audit entry is about, as columns rather than formatted text: the certificate (serial) of
-- the certificate.* entries, and every participant an entry names (the erased or purged person, the
-- holder of an issued certificate, each person whose attendance a recording changed).
ALTER TABLE audit ADD COLUMN serial TEXT;

CREATE TABLE audit_participant (
    audit_id       INTEGER NOT NULL REFERENCES audit (id),
    participant_id INTEGER NOT NULL,
    PRIMARY KEY (audit_id, participant_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_participant_by_participant ON audit_participant (participant_id, audit_id);

-- Existing entries: filled from the text they were written with.
UPDATE audit SET serial = subject WHERE action LIKE 'certificate.%' AND subject IS NOT NULL;

-- "participant 7" as subject (participant.erased, participant.purged) or detail (certificate.issued)
INSERT OR IGNORE INTO audit_participant (audit_id, participant_id)
    SELECT id, CAST(substr(subject, 13) AS INTEGER) FROM audit
    WHERE subject GLOB 'participant [0-9]*' AND action IN ('participant.erased', 'participant.purged')
    UNION ALL
    SELECT id, CAST(substr(detail, 13) AS INTEGER) FROM audit
    WHERE detail GLOB 'participant [0-9]*' AND action = 'certificate.issued';

-- attendance.*: "N record(s); changed: participant 5, session 3: present -> absent; participant 7, ..."
WITH RECURSIVE change (audit_id, rest, participant_id) AS (
    SELECT id, substr(detail, instr(detail, '; changed: ') + 11) || '; ', NULL FROM audit
    WHERE action IN ('attendance.recorded', 'attendance.imported') AND instr(detail, '; changed: ') > 0
    UNION ALL
    SELECT audit_id, substr(rest, instr(rest, '; ') + 2),
           CAST(substr(rest, 13, instr(rest, ',') - 13) AS INTEGER)
    FROM change WHERE rest GLOB 'participant [0-9]*, *'
)
INSERT OR IGNORE INTO audit_participant (audit_id, participant_id)
    SELECT audit_id, participant_id FROM change WHERE participant_id IS NOT NULL;
