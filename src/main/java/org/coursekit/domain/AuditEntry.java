package org.coursekit.domain;

/**
 * One line of the audit trail: when, which OS user, which course, what happened to whom (an id
 * or a serial, never a name), and details such as "session 3: present -> absent".
 */
public record AuditEntry(long id, String at, String user, String courseId, String action, String subject, String detail) {
}
