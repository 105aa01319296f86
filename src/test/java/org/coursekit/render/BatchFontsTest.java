package org.coursekit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.coursekit.io.TemplateFile;
import org.junit.jupiter.api.Test;

/** The fonts of a batch of certificates, subset once for all of them ({@link CertificateRenderer#forBatch}). */
class BatchFontsTest {
    private static Map<String, String> person(String name, String code) {
        return Map.of("fullName", name, "certificateTitle", "Zertifikat", "courseTitle", "Testkurs",
                "serial", "T-001", "code", code, "qr", code, "signatory.1.name", "Erika Muster", "signatory.1.role", "Leitung");
    }

    private static byte[] pdf(CertificateRenderer r, Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.write(out, values);
        return out.toByteArray();
    }

    /** The text, each embedded font's (decoded) program and its character map (ToUnicode), of a PDF. */
    private record Read(String text, List<byte[]> fontFiles, List<byte[]> toUnicode) {
    }

    private static Read read(byte[] pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            // by the font's name without its subset tag: the regular one first, then the bold one
            java.util.TreeMap<String, byte[]> files = new java.util.TreeMap<>();
            java.util.TreeMap<String, byte[]> maps = new java.util.TreeMap<>();
            PDResources res = d.getPage(0).getResources();
            for (COSName n : res.getFontNames()) {
                PDFont f = res.getFont(n);
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
                String name = f.getName().substring(f.getName().indexOf('+') + 1);
                files.put(name, ((PDType0Font) f).getDescendantFont().getFontDescriptor().getFontFile2().toByteArray());
                try (var in = f.getCOSObject().getCOSStream(COSName.TO_UNICODE).createInputStream()) {
                    maps.put(name, in.readAllBytes());
                }
            }
            return new Read(new PDFTextStripper().getText(d), new ArrayList<>(files.values()), new ArrayList<>(maps.values()));
        }
    }

    @Test
    void certificatesOfOneBatchEmbedTheSameFontSubset() throws Exception {
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        Map<String, String> ayse = person("Ayşe Yılmaz-Łukasiewicz", "DDDD-EEEE-FFFF");
        CertificateRenderer batch = new CertificateRenderer(TemplateFile.defaultTemplate("de")).forBatch(List.of(kaethe, ayse));
        Read a = read(pdf(batch, kaethe));
        Read b = read(pdf(batch, ayse));
        assertThat(a.text()).contains("Käthe Köhler", "AAAA-BBBB-CCCC", "Erika Muster", "Leitung");
        assertThat(b.text()).contains("Ayşe Yılmaz-Łukasiewicz", "DDDD-EEEE-FFFF", "Erika Muster", "Leitung");
        assertThat(a.fontFiles()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(a.fontFiles().get(i)).isEqualTo(b.fontFiles().get(i));
        }
    }

    @Test
    void templateWithOnlyARegularFontOfItsOwnPrintsEverythingInItsBatchSubset(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path font = dir.resolve("Eigene.ttf");
        try (var in = Fonts.class.getResourceAsStream("/liberation/LiberationSans-Bold.ttf")) {
            java.nio.file.Files.write(font, in.readAllBytes());
        }
        java.nio.file.Path json = dir.resolve("template.json");
        java.nio.file.Files.writeString(json, TemplateFile.defaultText("de")
                .replace("\"font\": {}", "\"font\": {\"regular\": \"" + font + "\"}"));
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        Map<String, String> lukasz = person("Łukasz Wiśniewski", "DDDD-EEEE-FFFF");
        CertificateRenderer batch = new CertificateRenderer(TemplateFile.read(json)).forBatch(List.of(kaethe, lukasz));
        Read a = read(pdf(batch, kaethe));
        Read b = read(pdf(batch, lukasz));
        assertThat(a.text()).contains("Käthe Köhler", "AAAA-BBBB-CCCC", "Erika Muster", "Leitung");
        assertThat(b.text()).contains("Łukasz Wiśniewski", "DDDD-EEEE-FFFF", "Erika Muster", "Leitung");
        assertThat(a.fontFiles()).hasSize(1);
        assertThat(a.fontFiles().get(0)).isEqualTo(b.fontFiles().get(0));
    }

    @Test
    void batchSubsetKeepsTheAdvancesOfItsGlyphsAndIsReadable() throws Exception {
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        CertificateRenderer batch = new CertificateRenderer(TemplateFile.defaultTemplate("de")).forBatch(List.of(kaethe));
        byte[] program = read(pdf(batch, kaethe)).fontFiles().get(0);
        byte[] own = read(pdf(new CertificateRenderer(TemplateFile.defaultTemplate("de")), kaethe)).fontFiles().get(0);
        try (var subset = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(program));
             var openPdfs = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(own))) {
            int used = 0;
            for (int g = 0; g < openPdfs.getNumberOfGlyphs(); g++) {
                if (openPdfs.getGlyph().getGlyph(g) != null && openPdfs.getGlyph().getGlyph(g).getNumberOfContours() != 0) {
                    used++;
                    assertThat(subset.getAdvanceWidth(g)).as("glyph " + g).isEqualTo(openPdfs.getAdvanceWidth(g)).isPositive();
                    assertThat(subset.getGlyph().getGlyph(g).getNumberOfContours()).isNotZero();
                }
            }
            assertThat(used).isGreaterThan(10);
            // the metrics of the glyphs left out are zero (OpenPDF keeps them all: a table as large as the glyphs)
            int withAdvance = 0;
            for (int g = 0; g < subset.getNumberOfGlyphs(); g++) {
                withAdvance += subset.getAdvanceWidth(g) > 0 ? 1 : 0;
            }
            assertThat(subset.getNumberOfGlyphs()).isGreaterThan(2000);
            assertThat(withAdvance).isLessThan(500);
        }
    }

    @Test
    void batchSubsetLeavesOutTheHintingAndKeepsEveryOutlineAsTheFontHasIt() throws Exception {
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        CertificateRenderer batch = new CertificateRenderer(TemplateFile.defaultTemplate("de")).forBatch(List.of(kaethe));
        byte[] program = read(pdf(batch, kaethe)).fontFiles().get(0);
        // Latin-1 and Latin Extended-A, at least
        assertThat(unhintedOutlines(program, Fonts.regularSource().bytes())).hasSizeGreaterThan(300);
    }

    /**
     * Asserts that {@code program}, a subset of {@code fontFile}, has no hinting (no glyph instructions,
     * none of the tables only they use), the outline of each of its glyphs exactly as the font has it,
     * and a valid checksum; returns its glyphs that have an outline.
     */
    private static java.util.Set<Integer> unhintedOutlines(byte[] program, byte[] fontFile) throws IOException {
        try (var subset = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(program));
             var font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(fontFile))) {
            assertThat(subset.getTableMap()).doesNotContainKeys("fpgm", "prep", "cvt ").containsKeys("glyf", "loca", "hmtx");
            assertThat(font.getTableMap()).containsKeys("fpgm", "prep", "cvt ");
            long[] offsets = subset.getIndexToLocation().getOffsets();
            java.nio.ByteBuffer glyf = java.nio.ByteBuffer.wrap(subset.getTableBytes(subset.getTableMap().get("glyf")));
            java.util.Set<Integer> outlines = new java.util.TreeSet<>();
            for (int g = 0; g < subset.getNumberOfGlyphs(); g++) {
                var mine = subset.getGlyph().getGlyph(g);
                if (mine == null || mine.getNumberOfContours() == 0) {
                    continue;
                }
                outlines.add(g);
                assertThat(segments(mine.getPath())).as("glyph " + g).isEqualTo(segments(font.getGlyph().getGlyph(g).getPath()));
                assertThat(subset.getAdvanceWidth(g)).as("advance of glyph " + g).isEqualTo(font.getAdvanceWidth(g));
                int at = (int) offsets[g];
                int contours = glyf.getShort(at);
                if (contours > 0) {
                    assertThat(glyf.getShort(at + 10 + 2 * contours)).as("instructions of glyph " + g).isZero();
                }
            }
            // the checksum of the whole font, as a font validator checks it
            int sum = 0;
            java.nio.ByteBuffer all = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(program, (program.length + 3) & ~3));
            for (int i = 0; i < all.capacity(); i += 4) {
                sum += all.getInt(i);
            }
            assertThat(sum).isEqualTo(0xB1B0AFBA);
            return outlines;
        }
    }

    /** The glyphs of a font program that have an outline. */
    private static java.util.Set<Integer> outlines(byte[] program) throws IOException {
        try (var f = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(program))) {
            java.util.Set<Integer> out = new java.util.TreeSet<>();
            for (int g = 0; g < f.getNumberOfGlyphs(); g++) {
                if (f.getGlyph().getGlyph(g) != null && f.getGlyph().getGlyph(g).getNumberOfContours() != 0) {
                    out.add(g);
                }
            }
            return out;
        }
    }

    /** A path's segments and their points, to compare two outlines. */
    private static List<String> segments(java.awt.geom.GeneralPath path) {
        List<String> out = new ArrayList<>();
        double[] c = new double[6];
        for (var it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            out.add(type + java.util.Arrays.toString(c));
            java.util.Arrays.fill(c, 0);
        }
        return out;
    }

    @Test
    void certificateWithCharactersOutsideItsBatchGetsItsOwnSubset() throws Exception {
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        Map<String, String> olena = person("Олена Коваленко", "DDDD-EEEE-FFFF");
        CertificateRenderer batch = new CertificateRenderer(TemplateFile.defaultTemplate("de")).forBatch(List.of(kaethe));
        Read outside = read(pdf(batch, olena));
        assertThat(outside.text()).contains("Олена Коваленко", "DDDD-EEEE-FFFF");
        Read own = read(pdf(new CertificateRenderer(TemplateFile.defaultTemplate("de")), olena));
        Read inBatch = read(pdf(batch, kaethe));
        // the font the name is printed in (bold) is a subset of this certificate's own glyphs, those
        // OpenPDF's own subset of it holds, without hinting; the regular font prints nothing outside
        // the batch's subset and stays the batch's
        assertThat(outside.fontFiles()).hasSize(2);
        assertThat(outside.fontFiles().get(0)).isEqualTo(inBatch.fontFiles().get(0));
        byte[] bold = outside.fontFiles().get(1);
        assertThat(bold).isNotEqualTo(inBatch.fontFiles().get(1));
        assertThat(unhintedOutlines(bold, Fonts.boldSource().bytes())).isEqualTo(outlines(own.fontFiles().get(1)))
                .isNotEqualTo(outlines(inBatch.fontFiles().get(1)));
    }

    @Test
    void aCertificateEmbedsNoCharacterBecauseAnotherHoldersNameHasIt() throws Exception {
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        CertificateRenderer renderer = new CertificateRenderer(TemplateFile.defaultTemplate("de"));
        Read withLatin = read(pdf(renderer.forBatch(List.of(kaethe, person("Ayşe Yılmaz", "DDDD-EEEE-FFFF"))), kaethe));
        for (String other : List.of("Νίκος Παπαδόπουλος", "Олена Коваленко", "Thi Lan Nguyễn", "李小龍")) {
            Read read = read(pdf(renderer.forBatch(List.of(kaethe, person(other, "DDDD-EEEE-FFFF"))), kaethe));
            assertThat(read.text()).contains("Käthe Köhler").doesNotContain(other);
            assertThat(read.fontFiles()).as("font programs beside " + other).hasSameSizeAs(withLatin.fontFiles());
            assertThat(read.toUnicode()).as("character maps beside " + other).hasSameSizeAs(withLatin.toUnicode());
            for (int i = 0; i < read.fontFiles().size(); i++) {
                assertThat(sha256(read.fontFiles().get(i))).as("font program beside " + other).isEqualTo(sha256(withLatin.fontFiles().get(i)));
                assertThat(sha256(read.toUnicode().get(i))).as("character map beside " + other).isEqualTo(sha256(withLatin.toUnicode().get(i)));
            }
        }
    }

    @Test
    void templateFontsOfTheSameFileNameInTwoFoldersAreBothEmbedded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path regular = dir.resolve("normal/Schrift.ttf");
        java.nio.file.Path bold = dir.resolve("fett/Schrift.ttf");
        for (var f : List.of(List.of(regular, "/liberation/LiberationSans-Regular.ttf"), List.of(bold, "/liberation/LiberationSans-Bold.ttf"))) {
            java.nio.file.Files.createDirectories(((java.nio.file.Path) f.get(0)).getParent());
            try (var in = Fonts.class.getResourceAsStream((String) f.get(1))) {
                java.nio.file.Files.write((java.nio.file.Path) f.get(0), in.readAllBytes());
            }
        }
        java.nio.file.Path json = dir.resolve("template.json");
        java.nio.file.Files.writeString(json, TemplateFile.defaultText("de")
                .replace("\"font\": {}", "\"font\": {\"regular\": \"" + regular + "\", \"bold\": \"" + bold + "\"}"));
        Map<String, String> kaethe = person("Käthe Köhler", "AAAA-BBBB-CCCC");
        CertificateRenderer renderer = new CertificateRenderer(TemplateFile.read(json));
        for (CertificateRenderer r : List.of(renderer, renderer.forBatch(List.of(kaethe)))) {
            try (PDDocument d = Loader.loadPDF(pdf(r, kaethe))) {
                List<String> names = new ArrayList<>();
                PDResources res = d.getPage(0).getResources();
                for (COSName n : res.getFontNames()) {
                    String name = res.getFont(n).getName();
                    names.add(name.substring(name.indexOf('+') + 1));
                }
                assertThat(names).containsExactlyInAnyOrder("LiberationSans", "LiberationSans-Bold");
            }
        }
    }

    private static String sha256(byte[] b) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
