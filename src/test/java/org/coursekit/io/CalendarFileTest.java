package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CalendarFileTest {
    private static void assertFolded(String original) {
        String folded = CalendarFile.fold(original);
        for (String line : folded.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line).doesNotContain("\uFFFD");
        }
        assertThat(folded.replace("\r\n ", "")).isEqualTo(original);
        assertThat(CalendarFile.fold(folded.replace("\r\n ", ""))).isEqualTo(folded);
    }

    @Test
    void shortLinesStayAsTheyAre() {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
        assertThat(CalendarFile.fold(ics)).isEqualTo(ics);
        String exactly75 = "X".repeat(75) + "\r\n";
        assertThat(CalendarFile.fold(exactly75)).isEqualTo(exactly75);
        assertThat(CalendarFile.fold("X".repeat(76) + "\r\n")).isEqualTo("X".repeat(75) + "\r\n X\r\n");
    }

    @Test
    void foldsByOctetsAndNeverInsideACharacter() {
        assertFolded("SUMMARY:" + "ä".repeat(100) + "\r\n");
        assertFolded("LOCATION:" + "€".repeat(60) + "\r\nDESCRIPTION:" + "x".repeat(200) + "\r\n");
        assertFolded("SUMMARY:" + "a😀".repeat(50) + "\r\n");
        assertFolded("DESCRIPTION:Bürgermentorenkurs Ditzingen 2018\\nStadt Ditzingen\\, Anlaufstelle Bürgerschaftliches "
                + "Engagement\\n07156 164-0 · buergerengagement@ditzingen.example\r\n");
    }
}
