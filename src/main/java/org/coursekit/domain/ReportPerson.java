package org.coursekit.domain;

/**
 * What the programme report knows of one person enrolled in a course: their form and age group at
 * the course's first session, never a name or a birth date (so that a coordinator of the register,
 * who may not read those, gets the same report).
 */
public record ReportPerson(long id, Form form, String ageGroup) {
}
