package org.coursekit.io;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Method;
import biweekly.property.Status;
import org.coursekit.domain.Course;
import org.coursekit.domain.Session;

/**
 * iCalendar (RFC 5545) files with biweekly: one event per session, times in UTC (computed from the
 * course's time zone), and UIDs made of the database's id, the course and the session number, so
 * that a calendar program updates an event on the next import instead of adding it twice.
 */
public final class CalendarFile {
    private CalendarFile() {
    }

    public static String uid(String instance, Course course, Session s) {
        return "session-" + s.number() + "." + course.id() + "." + instance + "@coursekit";
    }

    /** A calendar with the given sessions of {@code course}. */
    public static String write(Course course, List<Session> sessions, Map<Integer, Integer> revisions, String instance,
                               Instant now) {
        ICalendar ical = new ICalendar();
        ical.setProductId("-//coursekit//coursekit//EN");
        ical.setMethod(Method.publish());
        ical.setName(course.title());
        for (Session s : sessions) {
            ical.addEvent(event(course, s, revisions.getOrDefault(s.number(), 0), instance, now));
        }
        // biweekly folds at 75 characters; RFC 5545 3.1 counts octets, so fold ourselves
        return fold(Biweekly.write(ical).version(ICalVersion.V2_0).foldLines(false).go());
    }

    /** Folds every line longer than 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
    static String fold(String ics) {
        StringBuilder sb = new StringBuilder(ics.length() + ics.length() / 32);
        int octets = 0;
        for (int i = 0; i < ics.length(); ) {
            int cp = ics.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp == '\r' && ics.startsWith("\r\n", i)) {
                sb.append("\r\n");
                octets = 0;
                i += 2;
                continue;
            }
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (octets + len > 75) {
                sb.append("\r\n ");
                octets = 1;
            }
            sb.appendCodePoint(cp);
            octets += len;
            i += n;
        }
        return sb.toString();
    }

    static VEvent event(Course course, Session s, int revision, String instance, Instant now) {
        VEvent e = new VEvent();
        e.setUid(uid(instance, course, s));
        e.setDateTimeStamp(Date.from(now));
        e.setSequence(revision);
        e.setSummary(course.title() + ": " + s.title());
        e.setDateStart(Date.from(LocalDateTime.of(s.date(), s.start()).atZone(course.timezone()).toInstant()), true);
        e.setDateEnd(Date.from(LocalDateTime.of(s.date(), s.end()).atZone(course.timezone()).toInstant()), true);
        String where = s.location() != null ? s.location() : course.location();
        if (where != null) {
            e.setLocation(where);
        }
        StringBuilder d = new StringBuilder(course.title());
        if (course.organiser() != null) {
            d.append('\n').append(course.organiser());
        }
        if (course.contact().email() != null || course.contact().phone() != null) {
            d.append('\n');
            if (course.contact().phone() != null) {
                d.append(course.contact().phone());
            }
            if (course.contact().email() != null) {
                d.append(course.contact().phone() != null ? " · " : "").append(course.contact().email());
            }
        }
        e.setDescription(d.toString());
        e.setStatus(s.cancelled() ? Status.cancelled() : Status.confirmed());
        return e;
    }

    /** Joins calendars into one: the events of all, under the first one's header. */
    public static String merge(List<String> calendars) {
        if (calendars.isEmpty()) {
            return "";
        }
        if (calendars.size() == 1) {
            return calendars.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < calendars.size(); i++) {
            String c = calendars.get(i);
            int from = i == 0 ? 0 : c.indexOf("BEGIN:VEVENT");
            int to = i == calendars.size() - 1 ? c.length() : c.lastIndexOf("END:VCALENDAR");
            sb.append(c, from, to);
        }
        return sb.toString();
    }
}
