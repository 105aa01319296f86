-- Who came to which session (db/sqlite/V002).
CREATE TABLE attendance (
    session_id      BIGINT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    participant_id  BIGINT NOT NULL REFERENCES participant(id),
    status          TEXT COLLATE "C" NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    recorded_at     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (session_id, participant_id)
);

CREATE INDEX attendance_by_participant ON attendance (participant_id);
