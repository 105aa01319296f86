package org.coursekit.domain;

/** A PostgreSQL user's access to one organisation of the register: role {@code organiser} or {@code coordinator}. */
public record RegisterGrant(String user, String organisation, String role, String grantedAt) {
}
