-- Who came to which session.
CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    participant_id  INTEGER NOT NULL REFERENCES participant(id),
    status          TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (session_id, participant_id)
) STRICT;

CREATE INDEX attendance_by_participant ON attendance (participant_id);
