package org.coursekit.domain;

import java.util.List;
import java.util.Set;

/**
 * How a certificate looks: page, optional background, fonts, text blocks flowing from the top,
 * blocks at the bottom, and where the serial, code and QR code go. Texts hold placeholders such
 * as {@code {{fullName}}} (see {@link #PLACEHOLDERS}); a block that comes out blank is left out.
 */
public record CertificateTemplate(
        String pageSize,
        boolean landscape,
        float[] margins,
        String backgroundPdf,
        String backgroundImage,
        String fontRegular,
        String fontBold,
        List<Block> blocks,
        List<Block> bottom,
        Codes codes) {

    /** The names a template may use: those of {@link Placeholder}, the one list. */
    public static final Set<String> PLACEHOLDERS = java.util.Collections.unmodifiableSet(Placeholder.keys());

    /** A paragraph (type {@code text}) or the row of signature lines (type {@code signatures}). */
    public record Block(String type, String text, float size, boolean bold, boolean italic, String align,
                        float spaceBefore, int[] rgb) {
        public boolean isSignatures() {
            return "signatures".equals(type);
        }
    }

    /** The QR code (side length in points; 0: none) and the text beside it. */
    public record Codes(float qrSize, String text, float size) {
    }

    public static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

    /** Replaces every {@code {{name}}} in {@code text} with its value (missing values: empty). */
    public static String fill(String text, java.util.Map<String, String> values) {
        var m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** True when {@code text} uses placeholders and all of them are empty: such a block is left out. */
    public static boolean allEmpty(String text, java.util.Map<String, String> values) {
        var m = PLACEHOLDER.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            String v = values.get(m.group(1));
            if (v != null && !v.isBlank()) {
                return false;
            }
        }
        return any;
    }

    public CertificateTemplate {
        blocks = List.copyOf(blocks);
        bottom = List.copyOf(bottom);
        margins = margins.clone();
    }
}
