package org.coursekit.domain;

/** A participant as listed for a course: with the enrolment status (null when listed without a course). */
public record ParticipantRow(Participant participant, EnrolmentStatus status) {
}
