package org.coursekit.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * How users name a session: its number, its date (either form), {@code today} or {@code next}.
 * Resolution is a pure rule over the course's sessions and the current time in the course's zone.
 */
public sealed interface SessionRef {
    record ByNumber(int number) implements SessionRef { }

    record ByDate(LocalDate date) implements SessionRef { }

    record Today() implements SessionRef { }

    record Next() implements SessionRef { }

    /** @throws InvalidData when the text is none of the accepted forms */
    static SessionRef parse(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("today") || s.equals("heute")) {
            return new Today();
        }
        if (s.equals("next") || s.equals("nächste") || s.equals("naechste")) {
            return new Next();
        }
        if (!s.isEmpty() && s.length() < 7 && s.chars().allMatch(Character::isDigit)) {
            return new ByNumber(Integer.parseInt(s));
        }
        return Values.parseDate(s).<SessionRef>map(ByDate::new)
                .orElseThrow(() -> new InvalidData("session.ref.invalid", text));
    }

    /**
     * Finds the session in {@code sessions} (of course {@code courseId}).
     * {@code next} is the first session not cancelled that has not ended at {@code now}.
     * @throws NotFound when no session matches
     * @throws InvalidData when a date matches several sessions
     */
    default Session resolve(String courseId, List<Session> sessions, LocalDateTime now) {
        if (this instanceof ByNumber n) {
            return sessions.stream().filter(s -> s.number() == n.number()).findFirst()
                    .orElseThrow(() -> new NotFound("session.notFound.number", n.number(), courseId));
        }
        if (this instanceof Next) {
            return sessions.stream()
                    .filter(s -> !s.cancelled() && !LocalDateTime.of(s.date(), s.end()).isBefore(now))
                    .min(java.util.Comparator.comparing(Session::date).thenComparing(Session::start))
                    .orElseThrow(() -> new NotFound("session.notFound.next", courseId));
        }
        LocalDate date = this instanceof ByDate d ? d.date() : now.toLocalDate();
        List<Session> onDate = sessions.stream().filter(s -> s.date().equals(date)).toList();
        if (onDate.isEmpty()) {
            throw new NotFound("session.notFound.date", date, courseId);
        }
        if (onDate.size() > 1) {
            StringBuilder numbers = new StringBuilder();
            for (Session s : onDate) {
                numbers.append(numbers.isEmpty() ? "" : ", ").append(s.number()).append(' ')
                        .append(s.start()).append(' ').append(s.title());
            }
            throw new InvalidData("session.ref.ambiguous", date, courseId, numbers);
        }
        return onDate.get(0);
    }
}
