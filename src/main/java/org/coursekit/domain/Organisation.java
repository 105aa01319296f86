package org.coursekit.domain;

/** An organisation (a town's office, an association) whose courses and people a database keeps, with their counts. */
public record Organisation(String id, String name, long courses, long participants) {
}
