package com.lowagie.text.pdf;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.Deflater;

import com.lowagie.text.DocumentException;
import com.lowagie.text.ExceptionConverter;

/**
 * coursekit's TrueType font (Identity-H, embedded as a subset) for a batch of documents whose
 * characters are all known before the first one is written, such as a batch of certificates.
 *
 * <p>OpenPDF subsets and compresses an embedded font anew for every document; for small documents
 * that is most of their bytes and of the time spent writing them. This font makes the subset of
 * every character of the batch once, compresses it once, and embeds those same bytes in every
 * document (with each document's own widths and ToUnicode map). A document that uses a glyph
 * outside the batch's set gets OpenPDF's own subset instead: never a missing glyph (so does every
 * document with a font of PostScript outlines).
 *
 * <p>It lives in OpenPDF's package because the hook, {@code writeFont}, and the subsetter are
 * package-private there; the rest of coursekit sees a plain {@link BaseFont}. Made once, it is
 * only read, also by several threads at once (as OpenPDF's own cached fonts are).
 */
public final class BatchSubsetFont extends TrueTypeFontUnicode {
    private static final Method CID_FONT = method("getCIDFontType2", PdfIndirectReference.class, String.class, int[][].class);
    private static final Method TO_UNICODE = method("getToUnicode", int[][].class);
    private static final Method FONT_BASE = method("getFontBaseType", PdfIndirectReference.class, String.class,
            PdfIndirectReference.class);

    /** Every glyph of the subset (with the glyphs TrueType's composite glyphs are made of). */
    private final HashMap<Integer, int[]> glyphs = new HashMap<>();
    private final byte[] compressed;
    /** The CIDSet stream's bytes, compressed: which glyphs the embedded subset holds. */
    private final byte[] compressedCidSet;
    private final int length;
    private final String prefix;

    /**
     * Reads the font {@code ttf} (named {@code name}, ending in .ttf or .otf) and makes its subset
     * for the characters {@code codePoints} (those the font lacks are left out).
     */
    public BatchSubsetFont(String name, byte[] ttf, int[] codePoints) throws DocumentException, IOException {
        super(name, IDENTITY_H, true, ttf, false);
        if (cff) {     // PostScript outlines: OpenPDF subsets them per document, as always
            this.length = 0;
            this.compressed = null;
            this.compressedCidSet = null;
            this.prefix = null;
            return;
        }
        for (int cp : codePoints) {
            int[] m = getMetricsTT(cp);
            if (m != null) {
                glyphs.putIfAbsent(m[0], new int[] {m[0], m[1], cp});
            }
        }
        byte[] raw = new TrueTypeFontSubSet(fileName, new RandomAccessFileOrArray(rf), glyphs, directoryOffset, false, false)
                .process();
        blankUnusedMetrics(raw, glyphs.keySet());
        this.length = raw.length;
        // compressed once for the whole batch: the best compression costs milliseconds, once
        this.compressed = deflate(raw);
        int top = glyphs.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        byte[] set = new byte[top / 8 + 1];
        for (int g : glyphs.keySet()) {
            set[g / 8] |= (byte) (0x80 >>> (g % 8));
        }
        this.compressedCidSet = deflate(set);
        this.prefix = prefix(glyphs, name);
    }

    /**
     * Sets the horizontal metrics (hmtx) of every glyph the subset leaves out to zero, and the
     * checksums to match: OpenPDF keeps them all, a table as large as the glyphs themselves that
     * no reader uses (a PDF gives the widths of the glyphs it shows itself). Zeros compress to
     * nothing. A font whose tables are not where they should be is left as it is.
     */
    static void blankUnusedMetrics(byte[] font, java.util.Set<Integer> kept) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(font);
        int tables = b.getShort(4) & 0xffff;
        int hmtx = -1;
        int hmtxLength = 0;
        int hmtxEntry = -1;
        int hhea = -1;
        int maxp = -1;
        int head = -1;
        for (int i = 0; i < tables; i++) {
            int entry = 12 + 16 * i;
            if (entry + 16 > font.length) {
                return;
            }
            String tag = new String(font, entry, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int offset = b.getInt(entry + 8);
            switch (tag) {
                case "hmtx" -> {
                    hmtx = offset;
                    hmtxLength = b.getInt(entry + 12);
                    hmtxEntry = entry;
                }
                case "hhea" -> hhea = offset;
                case "maxp" -> maxp = offset;
                case "head" -> head = offset;
                default -> { }
            }
        }
        if (hmtx < 0 || hhea < 0 || maxp < 0 || head < 0 || hmtx + hmtxLength > font.length
                || hhea + 36 > font.length || maxp + 6 > font.length || head + 12 > font.length) {
            return;
        }
        int longMetrics = b.getShort(hhea + 34) & 0xffff;
        int glyphCount = b.getShort(maxp + 4) & 0xffff;
        if (longMetrics < 1 || longMetrics > glyphCount || 4 * longMetrics + 2 * (glyphCount - longMetrics) > hmtxLength) {
            return;
        }
        for (int g = 0; g < glyphCount; g++) {
            // the last long metric gives its advance to every glyph after it: it stays
            if (kept.contains(g) || g == longMetrics - 1) {
                continue;
            }
            if (g < longMetrics) {
                b.putInt(hmtx + 4 * g, 0);
            } else {
                b.putShort(hmtx + 4 * longMetrics + 2 * (g - longMetrics), (short) 0);
            }
        }
        b.putInt(hmtxEntry + 4, checksum(font, hmtx, hmtxLength));
        b.putInt(head + 8, 0);
        b.putInt(head + 8, 0xB1B0AFBA - checksum(font, 0, font.length));
    }

    /** The TrueType checksum of {@code length} bytes from {@code offset}: the sum of big-endian 32-bit words. */
    private static int checksum(byte[] font, int offset, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 4) {
            int word = 0;
            for (int k = 0; k < 4; k++) {
                int at = offset + i + k;
                word = (word << 8) | (i + k < length && at < font.length ? font[at] & 0xff : 0);
            }
            sum += word;
        }
        return sum;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /** The subset's tag (six capital letters), the same for the same glyphs of the same font. */
    private static String prefix(Map<Integer, int[]> glyphs, String name) {
        long h = name.hashCode();
        for (int g : new TreeSet<>(glyphs.keySet())) {
            h = h * 31 + g;
        }
        h ^= h >>> 29;
        StringBuilder sb = new StringBuilder(7);
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('A' + Math.floorMod(h, 26)));
            h /= 26;
        }
        return sb.append('+').toString();
    }

    /** How many glyphs the batch's subset holds (for tests). */
    public int glyphCount() {
        return glyphs.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    void writeFont(PdfWriter writer, PdfIndirectReference ref, Object[] params) throws DocumentException, IOException {
        HashMap<Integer, int[]> used = (HashMap<Integer, int[]>) params[0];
        if (compressed == null || !subset || !glyphs.keySet().containsAll(used.keySet())) {
            super.writeFont(writer, ref, params);    // OpenPDF's own subset of this document
            return;
        }
        Map<Integer, int[]> filler = (Map<Integer, int[]>) params[2];
        int[][] metrics = used.values().toArray(new int[0][]);
        Arrays.sort(metrics, this);
        PdfIndirectReference cidSet = null;
        if (includeCidSet || writer.getPDFXConformance() == PdfWriter.PDFA1A || writer.getPDFXConformance() == PdfWriter.PDFA1B) {
            PdfStream set = new PdfStream(compressedCidSet);
            set.put(PdfName.FILTER, PdfName.FLATEDECODE);
            cidSet = writer.addToBody(set).getIndirectReference();
        }
        PdfStream file = new PdfStream(compressed);
        file.put(PdfName.FILTER, PdfName.FLATEDECODE);
        file.put(PdfName.LENGTH1, new PdfNumber(length));
        PdfIndirectReference font = writer.addToBody(file).getIndirectReference();
        font = writer.addToBody(getFontDescriptor(font, prefix, cidSet)).getIndirectReference();
        font = writer.addToBody((PdfDictionary) call(CID_FONT, font, prefix, metrics)).getIndirectReference();
        PdfStream toUnicode = (PdfStream) call(TO_UNICODE, (Object) mergeMetricsAndFillerCmap(metrics, filler));
        PdfIndirectReference toUnicodeRef = toUnicode == null ? null : writer.addToBody(toUnicode).getIndirectReference();
        writer.addToBody((PdfDictionary) call(FONT_BASE, font, prefix, toUnicodeRef), ref);
    }

    private Object call(Method m, Object... args) throws DocumentException, IOException {
        try {
            return m.invoke(this, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof DocumentException de) {
                throw de;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new ExceptionConverter((Exception) c);
        }
    }

    private static Method method(String name, Class<?>... types) {
        try {
            Method m = TrueTypeFontUnicode.class.getDeclaredMethod(name, types);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("OpenPDF without TrueTypeFontUnicode." + name + ": not the version coursekit was built with", e);
        }
    }
}
