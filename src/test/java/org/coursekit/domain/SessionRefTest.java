package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionRefTest {
    private static Session s(int n, String date, String start, String end, boolean cancelled) {
        return new Session(n, LocalDate.parse(date), LocalTime.parse(start), LocalTime.parse(end), "S" + n,
                SessionKind.MODULE, true, false, cancelled, null);
    }

    private static final List<Session> SESSIONS = List.of(
            s(1, "2018-02-20", "19:30", "21:00", false),
            s(2, "2018-02-27", "18:30", "21:30", false),
            s(3, "2018-03-06", "18:30", "21:30", false),
            s(4, "2018-03-13", "18:30", "21:30", true),
            s(5, "2018-03-20", "18:30", "21:30", false));

    private static Session resolve(String ref, String now) {
        return SessionRef.parse(ref).resolve("bm-2018", SESSIONS, LocalDateTime.parse(now));
    }

    @Test
    void parsesEveryForm() {
        assertThat(SessionRef.parse("3")).isEqualTo(new SessionRef.ByNumber(3));
        assertThat(SessionRef.parse("2018-03-06")).isEqualTo(new SessionRef.ByDate(LocalDate.of(2018, 3, 6)));
        assertThat(SessionRef.parse("06.03.2018")).isEqualTo(new SessionRef.ByDate(LocalDate.of(2018, 3, 6)));
        assertThat(SessionRef.parse("today")).isInstanceOf(SessionRef.Today.class);
        assertThat(SessionRef.parse("next")).isInstanceOf(SessionRef.Next.class);
        assertThat(SessionRef.parse("NEXT")).isInstanceOf(SessionRef.Next.class);
    }

    @Test
    void invalidReference() {
        assertThatThrownBy(() -> SessionRef.parse("soon")).isInstanceOf(InvalidData.class);
        assertThatThrownBy(() -> SessionRef.parse("30.02.2018")).isInstanceOf(InvalidData.class);
        assertThatThrownBy(() -> SessionRef.parse("")).isInstanceOf(InvalidData.class);
    }

    @Test
    void byNumberAndDate() {
        assertThat(resolve("3", "2018-03-01T12:00").number()).isEqualTo(3);
        assertThat(resolve("2018-03-06", "2018-03-01T12:00").number()).isEqualTo(3);
        assertThat(resolve("06.03.2018", "2018-03-01T12:00").number()).isEqualTo(3);
        // a cancelled session can still be named by number and date
        assertThat(resolve("4", "2018-03-01T12:00").number()).isEqualTo(4);
        assertThat(resolve("13.03.2018", "2018-03-01T12:00").number()).isEqualTo(4);
    }

    @Test
    void today() {
        assertThat(resolve("today", "2018-03-06T08:00").number()).isEqualTo(3);
        assertThat(resolve("today", "2018-03-06T23:00").number()).isEqualTo(3);
        assertThatThrownBy(() -> resolve("today", "2018-03-01T12:00")).isInstanceOf(NotFound.class);
    }

    @Test
    void nextIsFirstNotCancelledSessionNotYetEnded() {
        assertThat(resolve("next", "2018-01-01T00:00").number()).isEqualTo(1);
        assertThat(resolve("next", "2018-03-01T12:00").number()).isEqualTo(3);
        // during session 3 it is still the next one; after it ended it is not
        assertThat(resolve("next", "2018-03-06T19:00").number()).isEqualTo(3);
        assertThat(resolve("next", "2018-03-06T21:30").number()).isEqualTo(3);
        assertThat(resolve("next", "2018-03-06T21:31").number()).isEqualTo(5);
        // session 4 is cancelled
        assertThat(resolve("next", "2018-03-07T12:00").number()).isEqualTo(5);
        assertThatThrownBy(() -> resolve("next", "2018-03-20T22:00")).isInstanceOf(NotFound.class);
    }

    @Test
    void nextIgnoresListOrder() {
        List<Session> shuffled = List.of(SESSIONS.get(4), SESSIONS.get(2), SESSIONS.get(0));
        Session next = SessionRef.parse("next").resolve("c", shuffled, LocalDateTime.parse("2018-02-21T00:00"));
        assertThat(next.number()).isEqualTo(3);
    }

    @Test
    void missingSessionIsNotFound() {
        assertThatThrownBy(() -> resolve("99", "2018-03-01T12:00")).isInstanceOf(NotFound.class)
                .satisfies(e -> assertThat(((NotFound) e).msg().key()).isEqualTo("session.notFound.number"));
        assertThatThrownBy(() -> resolve("2018-03-07", "2018-03-01T12:00")).isInstanceOf(NotFound.class)
                .satisfies(e -> assertThat(((NotFound) e).msg().key()).isEqualTo("session.notFound.date"));
    }

    @Test
    void ambiguousDateListsBothSessions() {
        List<Session> two = List.of(s(1, "2018-04-14", "10:00", "13:00", false), s(2, "2018-04-14", "14:00", "16:00", false));
        assertThatThrownBy(() -> SessionRef.parse("14.04.2018").resolve("bm-2018", two, LocalDateTime.parse("2018-03-01T12:00")))
                .isInstanceOf(InvalidData.class)
                .satisfies(e -> {
                    Msg m = ((InvalidData) e).msg();
                    assertThat(m.key()).isEqualTo("session.ref.ambiguous");
                    String listed = String.valueOf(m.args()[2]);
                    assertThat(listed).contains("1 10:00 S1").contains("2 14:00 S2");
                });
    }
}
