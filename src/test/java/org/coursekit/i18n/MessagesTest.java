package org.coursekit.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class MessagesTest {
    private final Messages en = new Messages(Locale.ENGLISH);
    private final Messages de = new Messages(Locale.GERMAN);

    /** Defect: counts read "1 entries" / "1 Einträge"; one is singular, two are plural, in both languages. */
    @Test
    void countsOfOneAreSingularAndOfTwoPlural() {
        assertThat(en.get("attend.cleared", 3, "c-1", "2018-05-01", 1)).endsWith(": 1 record removed");
        assertThat(en.get("attend.cleared", 3, "c-1", "2018-05-01", 2)).endsWith(": 2 records removed");
        assertThat(de.get("attend.cleared", 3, "c-1", "2018-05-01", 1)).endsWith(": 1 Eintrag entfernt");
        assertThat(de.get("attend.cleared", 3, "c-1", "2018-05-01", 2)).endsWith(": 2 Einträge entfernt");

        assertThat(en.get("db.copy.done", "a.db", "b.db", 1, "x", 1, 1, 1))
                .endsWith("1 course (x), 1 participant, 1 certificate, 1 audit entry");
        assertThat(en.get("db.copy.done", "a.db", "b.db", 2, "x", 2, 2, 2))
                .endsWith("2 courses (x), 2 participants, 2 certificates, 2 audit entries");
        assertThat(de.get("db.copy.done", "a.db", "b.db", 1, "x", 1, 1, 1))
                .endsWith("1 Kurs (x), 1 Person, 1 Zertifikat, 1 Protokolleintrag");
        assertThat(de.get("db.copy.done", "a.db", "b.db", 2, "x", 2, 2, 2))
                .endsWith("2 Kurse (x), 2 Personen, 2 Zertifikate, 2 Protokolleinträge");

        assertThat(en.get("db.purge.done", 1, "2019-01-01")).startsWith("anonymised 1 participant whose");
        assertThat(en.get("db.purge.done", 2, "2019-01-01")).startsWith("anonymised 2 participants whose");
        assertThat(de.get("db.purge.done", 1, "2019-01-01")).startsWith("1 Person anonymisiert");
        assertThat(de.get("db.purge.done", 2, "2019-01-01")).startsWith("2 Personen anonymisiert");

        assertThat(en.get("progress.certificates", 1, 1)).isEqualTo("1 of 1 certificate");
        assertThat(de.get("progress.rows", 1)).isEqualTo("1 Zeile gelesen");
        assertThat(en.get("progress.rows", 1)).isEqualTo("1 row read");
    }

    /** The same in generated documents: the participant list and the sign-in sheet count the people. */
    @Test
    void documentCountsOfOneAreSingular() {
        assertThat(new Documents("en").get("list.count", 1)).isEqualTo("1 participant");
        assertThat(new Documents("en").get("list.count", 2)).isEqualTo("2 participants");
        assertThat(new Documents("de").get("list.count", 1)).isEqualTo("1 teilnehmende Person");
        assertThat(new Documents("de").get("list.count", 2)).isEqualTo("2 Teilnehmende");
        assertThat(new Documents("de").get("sheet.count", 1)).startsWith("1 angemeldete Person;");
        assertThat(new Documents("en").get("sheet.count", 12345)).startsWith("12345 participants enrolled;");
    }

    /** Counts are written as before the plural forms: digits only, no grouping separator. */
    @Test
    void largeCountsKeepTheirDigitsWithoutGrouping() {
        assertThat(en.get("progress.rows", 12345)).isEqualTo("12345 rows read");
        assertThat(de.get("progress.rows", 12345)).isEqualTo("12345 Zeilen gelesen");
        assertThat(de.get("course.enrolledOnly", 12345)).startsWith("12345 ");
    }
}
