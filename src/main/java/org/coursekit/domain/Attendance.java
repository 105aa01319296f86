package org.coursekit.domain;

/** One record: participant {@code participantId} at session number {@code session} had {@code status}. */
public record Attendance(long participantId, int session, AttendanceStatus status) {
}
