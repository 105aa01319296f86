-- What alumni go on to do: a project a (former) participant started or joined after a course. When
-- the person is erased the project stays (title, date, course), unnamed: participant_id and note are cleared.
CREATE TABLE project (
    id              INTEGER PRIMARY KEY,
    participant_id  INTEGER REFERENCES participant(id),
    course_id       TEXT REFERENCES course(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    since           TEXT,
    note            TEXT,
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX project_by_participant ON project (participant_id);
CREATE INDEX project_by_course ON project (course_id);
