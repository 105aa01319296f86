package com.lowagie.text.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.PathIterator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link BatchSubsetFont#withoutHinting}, on whole fonts (a template may bring its own), and on
 * fonts that are not what they claim to be. The subsets themselves: org.coursekit.render.BatchFontsTest.
 */
class BatchSubsetFontTest {
    private static byte[] liberation(String file) throws Exception {
        try (InputStream in = BatchSubsetFontTest.class.getResourceAsStream("/liberation/" + file)) {
            return in.readAllBytes();
        }
    }

    /** The outline of {@code text} in {@code font} at 100 points, as Java's own font scaler reads it. */
    private static List<String> outline(byte[] font, String text) throws Exception {
        Font f = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(font)).deriveFont(100f);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        List<String> out = new ArrayList<>();
        double[] c = new double[6];
        for (PathIterator it = f.createGlyphVector(frc, text).getOutline().getPathIterator(null); !it.isDone(); it.next()) {
            out.add(it.currentSegment(c) + Arrays.toString(c));
            Arrays.fill(c, 0);
        }
        return out;
    }

    @Test
    void aWholeFontWithoutHintingIsSmallerAndDrawsTheSameOutlines() throws Exception {
        for (String file : List.of("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")) {
            byte[] font = liberation(file);
            byte[] plain = BatchSubsetFont.withoutHinting(font);
            assertThat(plain.length).as(file).isLessThan(font.length * 9 / 10);
            String text = "Käthe Große, Łukasz Wiśniewski, Ayşe Yılmaz, Νίκος, Олена, Nguyễn: 0123456789";
            assertThat(outline(plain, text)).as(file).isEqualTo(outline(font, text)).hasSizeGreaterThan(500);
        }
    }

    @Test
    void aFontThatIsNotLaidOutAsItSaysIsLeftAsItIsOrStillAFont() throws Exception {
        byte[] font = liberation("LiberationSans-Regular.ttf");
        Random random = new Random(20261203);
        for (int i = 0; i < 300; i++) {
            byte[] broken = Arrays.copyOf(font, i < 100 ? random.nextInt(font.length) : font.length);
            if (i >= 100) {     // a few bytes of the table directory, the head, maxp or loca tables, or the glyphs
                for (int k = 0; k < 4; k++) {
                    int at = i < 200 ? random.nextInt(Math.min(broken.length, 2048)) : random.nextInt(broken.length);
                    broken[at] = (byte) random.nextInt(256);
                }
            }
            byte[] copy = broken.clone();
            byte[] result = BatchSubsetFont.withoutHinting(broken);     // never an exception
            assertThat(broken).as("the input stays as it was").isEqualTo(copy);
            assertThat(result).isNotNull();
        }
    }
}
