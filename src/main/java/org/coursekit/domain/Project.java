package org.coursekit.domain;

import java.time.LocalDate;

/**
 * A project a (former) participant started or joined after a course: a repair café, a citizens'
 * foundation, a computer group. {@code participantId} is null once the person was erased (the
 * project stays, unnamed); {@code courseId} is the course that led to it, or null.
 */
public record Project(long id, Long participantId, String courseId, String title, LocalDate since, String note) {
}
