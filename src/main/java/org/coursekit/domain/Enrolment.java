package org.coursekit.domain;

import java.time.LocalDate;

/** A participant's place in a course. {@code since} marks a late enrolment (null: whole course). */
public record Enrolment(long participantId, String courseId, EnrolmentStatus status, LocalDate since, String reason) {
}
