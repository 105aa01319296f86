package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.coursekit.domain.Course;
import org.coursekit.domain.Form;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.MinAttendance;
import org.coursekit.domain.NotFound;
import org.coursekit.domain.Session;
import org.coursekit.domain.SessionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CourseFileTest {
    static final Path EXAMPLE = Path.of("examples", "ditzingen-2018", "course.json");

    @TempDir
    Path dir;

    private Path json(String text) throws Exception {
        Path p = dir.resolve("course.json");
        Files.writeString(p, text.replace('\'', '"'));
        return p;
    }

    /**
     * A minimal valid course with two sessions; {@code extra} goes into the top-level object, a
     * session's extra fields replace its defaults of the same name (a name may appear only once).
     */
    private static String course(String extra, String session1, String session2) {
        return "{'id': 'bm-2018', 'title': 'Kurs'" + extra + ", 'sessions': ["
                + "{" + session("'date': '2018-02-20', 'start': '19:30', 'end': '21:00', 'title': 'Eins'", session1) + "},"
                + "{" + session("'date': '2018-02-27', 'start': '18:30', 'end': '21:30', 'title': 'Zwei'", session2) + "}]}";
    }

    private static String session(String defaults, String extra) {
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String pair : defaults.split(", ")) {
            if (!extra.contains(pair.substring(0, pair.indexOf(':') + 1))) {
                kept.add(pair);
            }
        }
        return String.join(", ", kept) + extra;
    }

    private String problems(String text) throws Exception {
        Path p = json(text);
        try {
            CourseFile.read(p);
        } catch (InvalidData e) {
            return Problems.text(e);
        }
        throw new AssertionError("no InvalidData for " + text);
    }

    @Test
    void readsTheExample() {
        CourseFile.Definition d = CourseFile.read(EXAMPLE);
        Course c = d.course();
        assertThat(c.id()).isEqualTo("bm-2018");
        assertThat(c.title()).isEqualTo("Bürgermentorenkurs Ditzingen 2018");
        assertThat(c.capacity()).isEqualTo(20);
        assertThat(c.language()).isEqualTo("de");
        assertThat(c.minAttendance()).isEqualTo(new MinAttendance(80, true));
        assertThat(c.trainers()).containsExactly("Gabriele Hartmann", "Thomas Schäfer", "Renate Kübler");
        assertThat(c.contact().email()).isEqualTo("buergerengagement@ditzingen.example");
        assertThat(c.certificate().roleTitle()).containsEntry(Form.X, "Bürgermentor*in");
        assertThat(c.certificate().signatories()).hasSize(2);
        assertThat(d.sessions()).hasSize(12);
        Session info = d.sessions().get(0);
        assertThat(info.kind()).isEqualTo(SessionKind.INFO);
        assertThat(info.counts()).isFalse();
        assertThat(info.date()).isEqualTo(LocalDate.of(2018, 2, 20));
        assertThat(info.start()).isEqualTo(LocalTime.of(19, 30));
        assertThat(d.sessions().get(8).required()).isTrue();
        assertThat(d.sessions().get(3).location()).startsWith("Treffpunkt Rathausplatz");
        assertThat(d.sessions().get(1).location()).isNull();
        assertThat(d.sessions().stream().filter(Session::isCounted)).hasSize(10);
    }

    @Test
    void minimalCourse() throws Exception {
        CourseFile.Definition d = CourseFile.read(json(course("", "", "")));
        assertThat(d.course().minAttendance()).isEqualTo(MinAttendance.DEFAULT);
        assertThat(d.sessions()).extracting(Session::kind).containsOnly(SessionKind.MODULE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "impossible date | '' | , 'date': '2018-02-30' | sessions[1].date: \"2018-02-30\" is not a valid date",
        "bad time | , 'start': '25:00' | '' | sessions[0].start: \"25:00\" is not a valid time",
        "end before start | , 'end': '19:00' | '' | sessions[0].end: the session ends at 19:00",
        "unknown kind | '' | , 'kind': 'party' | sessions[1].kind: unknown kind \"party\"",
        "capacity as string | , 'capacity': '20' | '' | capacity:",
        "capacity zero | , 'capacity': 0 | '' | capacity:",
        "counts as string | '' | , 'counts': 'yes' | sessions[1].counts: must be true or false, not a string",
        "unknown top field | , 'colour': 'red' | '' | colour: unknown field",
        "unknown session field | , 'room': 'A' | '' | sessions[0].room: unknown field",
        "bad course id | , 'language': 'fr' | '' | language: \"fr\" is not a supported language",
        "bad min attendance | , 'minAttendance': 'most' | '' | minAttendance: \"most\" is not a valid minimum attendance",
        "bad zone | , 'timezone': 'Mars/Olympus' | '' | timezone: \"Mars/Olympus\" is not a known time zone",
        "title not a string | , 'trainers': 'Anna' | '' | trainers: must be a list",
        "bad contact email | , 'contact': {'email': 'nope'} | '' | contact.email: \"nope\" is not a valid e-mail address",
        "duplicate number | , 'number': 2 | , 'number': 2 | sessions[1].number: session number 2 is used twice",
    })
    void mistakesNameTheFieldPath(String what, String extra, String session2, String expected) throws Exception {
        // the CSV source puts the top-level extra and session 0's extra in one column when the test needs it
        String text = extra.startsWith(", 'start'") || extra.startsWith(", 'end'") || extra.startsWith(", 'room'")
                || extra.startsWith(", 'number'")
                ? course("", extra, session2)
                : course(extra, "", session2);
        assertThat(problems(text)).contains("course.json: " + expected);
    }

    @Test
    void onlyIdAndTitleAreRequired() throws Exception {
        CourseFile.Definition d = CourseFile.read(json("{'id': 'ek-2026', 'title': 'Erste Hilfe'}"));
        assertThat(d.course().id()).isEqualTo("ek-2026");
        assertThat(d.sessions()).isEmpty();
    }

    @Test
    void missingRequiredFields() throws Exception {
        String text = problems("{'id': 'bm-2018', 'sessions': [{'date': '2018-02-20', 'start': '19:30', 'end': '21:00'}]}");
        assertThat(text).contains("course.json: title: missing (required)")
                .contains("course.json: sessions[0].title: missing (required)");
        assertThat(problems("{'title': 'x'}")).contains("id: missing (required)");
        assertThat(problems("{'id': 'BM 2018', 'title': 'x'}")).contains("id: \"BM 2018\" is not a valid course id");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String text = problems(course(", 'capacity': '20', 'colour': 1", ", 'date': '30.02.2018'", ", 'kind': 'party'"));
        assertThat(text).contains("capacity:", "colour:", "sessions[0].date:", "sessions[1].kind:");
    }

    @Test
    void wrongJsonTypes() throws Exception {
        assertThat(problems("[1, 2]")).contains("one JSON object");
        assertThat(problems("{'id': 'bm-2018', 'title': 'x', 'sessions': {}}")).contains("sessions: must be a list");
        assertThat(problems("{'id': 'bm-2018', 'title': 42}")).contains("title: must be a string, not a number");
        assertThat(problems("{'id': 'bm-2018', 'title': 'x', 'sessions': ['x']}")).contains("sessions[0]: must be an object");
    }

    @Test
    void malformedJsonNamesLine() throws Exception {
        String text = problems("{\n  'id': 'bm-2018',\n  'title': 'x'\n  'location': 'y'\n}");
        assertThat(text).contains("course.json:4:").contains("not valid JSON");
        assertThat(problems("{'id': 'bm-2018', 'title': 'x'} {}")).contains("not valid JSON");
        assertThat(problems("")).isNotBlank();
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> CourseFile.read(dir.resolve("none.json"))).isInstanceOf(NotFound.class);
    }

    @Test
    void templateIsResolvedAgainstTheFilesFolder() throws Exception {
        CourseFile.Definition d = CourseFile.read(json("{'id': 'bm-2018', 'title': 'x', 'certificate': {'template': 'tpl/cert.json'}}"));
        assertThat(d.course().certificate().template()).isEqualTo(dir.resolve("tpl/cert.json").toAbsolutePath().normalize().toString());
    }

    @Test
    void exportThenReadGivesTheSameCourseAndSessions() throws Exception {
        CourseFile.Definition original = CourseFile.read(EXAMPLE);
        List<Session> numbered = new ArrayList<>();
        for (int i = 0; i < original.sessions().size(); i++) {
            numbered.add(original.sessions().get(i).withNumber(i + 1));
        }
        numbered.set(4, numbered.get(4).withCancelled(true));
        StringWriter w = new StringWriter();
        JsonOut.write(w, CourseFile.toJson(original.course(), numbered));
        Path again = dir.resolve("export.json");
        Files.writeString(again, w.toString());
        CourseFile.Definition read = CourseFile.read(again);
        assertThat(read.course()).isEqualTo(original.course());
        assertThat(read.sessions()).isEqualTo(numbered);
    }

    @Test
    void exportOfUnnumberedSessionsReadsBack() throws Exception {
        CourseFile.Definition original = CourseFile.read(EXAMPLE);
        StringWriter w = new StringWriter();
        JsonOut.write(w, CourseFile.toJson(original.course(), original.sessions()));
        Path again = dir.resolve("export.json");
        Files.writeString(again, w.toString());
        assertThat(CourseFile.read(again)).isEqualTo(original);
    }
}
