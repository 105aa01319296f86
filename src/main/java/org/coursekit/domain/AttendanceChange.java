package org.coursekit.domain;

/** A record that held another status before it was recorded again (statuses as their ids). */
public record AttendanceChange(long participantId, int session, String from, String to) {
    /** As the audit trail shows it: "participant 5, session 3: present -> absent". */
    public String text() {
        return "participant " + participantId + ", session " + session + ": " + from + " -> " + to;
    }
}
