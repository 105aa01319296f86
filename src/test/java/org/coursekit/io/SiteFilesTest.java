package org.coursekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.coursekit.domain.InvalidData;
import org.coursekit.domain.SiteRecord;
import org.junit.jupiter.api.Test;

/** The record format of the verification site: one size for every record, read back as written. */
class SiteFilesTest {
    static final int SIZE = org.coursekit.app.SiteCrypto.PLAINTEXT_SIZE;

    private static SiteRecord record(String holder, String text, int revisions) {
        List<SiteRecord.Revision> revs = new ArrayList<>();
        for (int i = 1; i <= revisions; i++) {
            revs.add(new SiteRecord.Revision(i, "ab".repeat(32)));
        }
        return new SiteRecord("revoked", holder, text, text, "2018-04-24", "BM-2018-" + "9".repeat(32), "2026-12-01T20:00:00Z",
                text, revs, revisions, false);
    }

    @Test
    void aRecordIsPaddedToTheFixedSizeAndReadsBackAsWritten() {
        SiteRecord r = record("Käthe Köhler", "Bürgermentorenkurs \"Ditzingen\" 2018", 2);
        byte[] plain = SiteFiles.recordPlaintext(r, SIZE);
        assertThat(plain).hasSize(SIZE);
        assertThat(new String(plain, StandardCharsets.UTF_8)).endsWith("    ");
        assertThat(SiteFiles.readRecord(plain)).isEqualTo(r);
    }

    @Test
    void theLongestAllowedContentIsShortenedToFitAndSaysSo() {
        String longest = "\"€".repeat(250);                 // 500 characters (the limit of stored text), 1,250 bytes as JSON
        String name = "\uD835\uDD04".repeat(250) + " " + "ß".repeat(500);   // a first and a last name of 500 characters
        SiteRecord r = record(name, longest, 40);
        byte[] plain = SiteFiles.recordPlaintext(r, SIZE);
        assertThat(plain).hasSize(SIZE);
        SiteRecord back = SiteFiles.readRecord(plain);
        assertThat(back.shortened()).isTrue();
        assertThat(back.holder()).endsWith("…").startsWith("\uD835\uDD04\uD835\uDD04");
        assertThat(back.courseTitle()).startsWith("\"€\"€").endsWith("…");
        assertThat(back.revisions()).hasSize(SiteFiles.SHORT_REVISIONS);
        assertThat(back.revisions().get(back.revisions().size() - 1).number()).isEqualTo(40);   // the newest stay
        assertThat(back.currentRevision()).isEqualTo(40);
        assertThat(back.serial()).isEqualTo(r.serial());
    }

    @Test
    void realisticRecordsAreNeverShortened() {
        SiteRecord r = record("Anna-Lena Müller-Lüdenscheidt von Bülow", "Bürgermentorenkurs Ditzingen 2018 ".repeat(4), 5);
        assertThat(SiteFiles.readRecord(SiteFiles.recordPlaintext(r, SIZE)).shortened()).isFalse();
    }

    @Test
    void aSiteFileThatIsNotOneIsInvalidData() {
        Path f = Path.of("site.json");
        SiteFiles.Site s = SiteFiles.readSite(f, SiteFiles.siteJson(new SiteFiles.Site(new byte[16], 5000)));
        assertThat(s.iterations()).isEqualTo(5000);
        assertThatThrownBy(() -> SiteFiles.readSite(f, "{\"format\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidData.class);
        assertThatThrownBy(() -> SiteFiles.readSite(f, "<html>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidData.class);
    }
}
