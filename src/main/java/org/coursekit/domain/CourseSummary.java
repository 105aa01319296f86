package org.coursekit.domain;

import java.time.LocalDate;

/** A course with the figures a listing shows; {@code firstDate}/{@code lastDate} null without sessions. */
public record CourseSummary(Course course, int sessions, LocalDate firstDate, LocalDate lastDate, int enrolled) {
}
