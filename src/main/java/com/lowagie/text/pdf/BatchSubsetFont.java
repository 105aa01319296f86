package com.lowagie.text.pdf;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
 * document, with the same widths and ToUnicode map (of every glyph of the batch). A document that uses a glyph
 * outside the batch's set gets a subset of its own glyphs instead, made as OpenPDF makes it: never a
 * missing glyph. Neither subset carries the font's hinting ({@link #withoutHinting}). A font of
 * PostScript outlines, or one with subset ranges or a filler map, is subset by OpenPDF itself for
 * every document, as always.
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
    /** The batch's font descriptor, CIDFont (with every glyph's width) and Type 0 font, without their references. */
    private final PdfDictionary descriptorTemplate;
    private final PdfDictionary cidFontTemplate;
    private final PdfDictionary type0Template;
    /** The ToUnicode map of every glyph of the batch, compressed. */
    private final byte[] toUnicode;

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
            this.descriptorTemplate = null;
            this.cidFontTemplate = null;
            this.toUnicode = null;
            this.type0Template = null;
            return;
        }
        List<int[]> metrics = new ArrayList<>();
        for (int cp : codePoints) {
            int[] m = getMetricsTT(cp);
            if (m != null && !glyphs.containsKey(m[0])) {
                int[] metric = {m[0], m[1], cp};
                glyphs.put(m[0], metric);
                metrics.add(metric);
            }
        }
        byte[] raw = new TrueTypeFontSubSet(fileName, new RandomAccessFileOrArray(rf), glyphs, directoryOffset, false, false)
                .process();
        blankUnusedMetrics(raw, glyphs.keySet());
        raw = withoutHinting(raw);
        this.length = raw.length;
        // compressed once for the whole batch: the best compression costs milliseconds, once
        this.compressed = deflate(raw);
        this.compressedCidSet = deflate(cidSet(glyphs.keySet()));
        this.prefix = prefix(glyphs, name);
        // one set of widths and one ToUnicode map for the whole batch: a document's own would list
        // fewer glyphs, the extra ones are never shown
        metrics.sort((x, y) -> Integer.compare(x[0], y[0]));
        int[][] all = metrics.toArray(new int[0][]);
        PdfIndirectReference none = new PdfIndirectReference(0, 1);
        this.descriptorTemplate = getFontDescriptor(none, prefix, null);
        descriptorTemplate.remove(PdfName.FONTFILE2);
        this.cidFontTemplate = (PdfDictionary) call(CID_FONT, none, prefix, all);
        PdfStream map = (PdfStream) call(TO_UNICODE, (Object) all);
        this.toUnicode = map == null ? null : map.streamBytes != null ? map.streamBytes.toByteArray() : map.bytes;
        this.type0Template = (PdfDictionary) call(FONT_BASE, none, prefix, null);
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

    /**
     * The font without its hinting: the glyphs' TrueType instructions, and the tables only they use
     * ({@code fpgm}, {@code prep}, {@code cvt }). Hinting fits outlines to the pixels of a screen at
     * small sizes; a certificate is printed, or shown by PDF viewers that do not run it, and the
     * instructions were almost half of the subset's bytes: every certificate of a batch carried them,
     * and wrote and hashed them. The outlines and metrics stay exactly as they are. A font that is not
     * laid out as expected is returned as it is.
     */
    static byte[] withoutHinting(byte[] font) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(font);
        if (font.length < 12) {
            return font;
        }
        int tables = b.getShort(4) & 0xffff;
        java.util.TreeMap<String, int[]> dir = new java.util.TreeMap<>();
        for (int i = 0; i < tables; i++) {
            int entry = 12 + 16 * i;
            if (entry + 16 > font.length) {
                return font;
            }
            int offset = b.getInt(entry + 8);
            int length = b.getInt(entry + 12);
            if (offset < 0 || length < 0 || offset > font.length - length) {
                return font;
            }
            dir.put(new String(font, entry, 4, java.nio.charset.StandardCharsets.ISO_8859_1), new int[] {offset, length});
        }
        int[] head = dir.get("head");
        int[] maxp = dir.get("maxp");
        int[] loca = dir.get("loca");
        int[] glyf = dir.get("glyf");
        if (head == null || maxp == null || loca == null || glyf == null || head[1] < 54 || maxp[1] < 6) {
            return font;
        }
        boolean longLoca = b.getShort(head[0] + 50) != 0;
        int glyphCount = b.getShort(maxp[0] + 4) & 0xffff;
        if (loca[1] < (glyphCount + 1) * (longLoca ? 4 : 2)) {
            return font;
        }
        java.io.ByteArrayOutputStream glyphs = new java.io.ByteArrayOutputStream(glyf[1]);
        byte[] newLoca = new byte[4 * (glyphCount + 1)];
        java.nio.ByteBuffer locaOut = java.nio.ByteBuffer.wrap(newLoca);
        for (int g = 0; g < glyphCount; g++) {
            long start = longLoca ? b.getInt(loca[0] + 4 * g) & 0xffffffffL : 2L * (b.getShort(loca[0] + 2 * g) & 0xffff);
            long end = longLoca ? b.getInt(loca[0] + 4 * g + 4) & 0xffffffffL : 2L * (b.getShort(loca[0] + 2 * g + 2) & 0xffff);
            if (start > end || end > glyf[1]) {
                return font;
            }
            locaOut.putInt(4 * g, glyphs.size());
            if (end > start) {
                byte[] glyph = glyphWithoutInstructions(font, glyf[0] + (int) start, (int) (end - start));
                if (glyph == null) {
                    return font;
                }
                glyphs.write(glyph, 0, glyph.length);
                while (glyphs.size() % 4 != 0) {
                    glyphs.write(0);
                }
            }
        }
        locaOut.putInt(4 * glyphCount, glyphs.size());
        java.util.TreeMap<String, byte[]> out = new java.util.TreeMap<>();
        for (var e : dir.entrySet()) {
            switch (e.getKey()) {
                case "fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX" -> { }   // hinting only
                default -> out.put(e.getKey(), Arrays.copyOfRange(font, e.getValue()[0], e.getValue()[0] + e.getValue()[1]));
            }
        }
        out.put("glyf", glyphs.toByteArray());
        out.put("loca", newLoca);
        java.nio.ByteBuffer newHead = java.nio.ByteBuffer.wrap(out.get("head"));
        newHead.putInt(8, 0);                    // checkSumAdjustment, set below
        newHead.putShort(50, (short) 1);         // indexToLocFormat: long offsets
        byte[] newMaxp = out.get("maxp");
        if (b.getInt(maxp[0]) == 0x00010000 && newMaxp.length >= 28) {
            java.nio.ByteBuffer.wrap(newMaxp).putShort(26, (short) 0);   // maxSizeOfInstructions
        }
        int n = out.size();
        int power = Integer.highestOneBit(n);
        int size = 12 + 16 * n;
        for (byte[] t : out.values()) {
            size += (t.length + 3) & ~3;
        }
        byte[] result = new byte[size];
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(result);
        r.putInt(0, b.getInt(0));
        r.putShort(4, (short) n);
        r.putShort(6, (short) (16 * power));
        r.putShort(8, (short) Integer.numberOfTrailingZeros(power));
        r.putShort(10, (short) (16 * n - 16 * power));
        int entry = 12;
        int offset = 12 + 16 * n;
        int headOffset = -1;
        for (var e : out.entrySet()) {
            byte[] t = e.getValue();
            System.arraycopy(e.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, result, entry, 4);
            r.putInt(entry + 4, checksum(t, 0, t.length));
            r.putInt(entry + 8, offset);
            r.putInt(entry + 12, t.length);
            System.arraycopy(t, 0, result, offset, t.length);
            if (e.getKey().equals("head")) {
                headOffset = offset;
            }
            entry += 16;
            offset += (t.length + 3) & ~3;
        }
        r.putInt(headOffset + 8, 0xB1B0AFBA - checksum(result, 0, result.length));
        return result;
    }

    /**
     * A glyph's bytes without its instructions: a simple glyph with an empty instruction list, a
     * composite one without its trailing instructions (and without the flag that announces them);
     * null if the glyph is not laid out as TrueType says.
     */
    private static byte[] glyphWithoutInstructions(byte[] font, int offset, int length) {
        if (length < 10) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(font, offset, length).slice();
        int contours = b.getShort(0);
        if (contours >= 0) {
            int at = 10 + 2 * contours;
            if (at + 2 > length) {
                return null;
            }
            int instructions = b.getShort(at) & 0xffff;
            if (at + 2 + instructions > length) {
                return null;
            }
            byte[] glyph = new byte[length - instructions];
            System.arraycopy(font, offset, glyph, 0, at);                   // header and end points
            System.arraycopy(font, offset + at + 2 + instructions, glyph, at + 2, length - at - 2 - instructions);
            return glyph;                                                   // instruction length 0
        }
        byte[] glyph = Arrays.copyOfRange(font, offset, offset + length);
        java.nio.ByteBuffer g = java.nio.ByteBuffer.wrap(glyph);
        int at = 10;
        int flags;
        do {
            if (at + 4 > length) {
                return null;
            }
            flags = g.getShort(at) & 0xffff;
            g.putShort(at, (short) (flags & ~0x0100));                     // WE_HAVE_INSTRUCTIONS
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);                     // flags, glyph index, arguments
            if ((flags & 0x0008) != 0) {
                at += 2;                                                   // a scale
            } else if ((flags & 0x0040) != 0) {
                at += 4;                                                   // x and y scales
            } else if ((flags & 0x0080) != 0) {
                at += 8;                                                   // a 2 by 2 matrix
            }
        } while ((flags & 0x0020) != 0);                                   // MORE_COMPONENTS
        return at > length ? null : Arrays.copyOf(glyph, at);
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

    @Override
    @SuppressWarnings("unchecked")
    void writeFont(PdfWriter writer, PdfIndirectReference ref, Object[] params) throws DocumentException, IOException {
        HashMap<Integer, int[]> used = (HashMap<Integer, int[]>) params[0];
        Map<Integer, int[]> filler = (Map<Integer, int[]>) params[2];
        if (compressed == null || !subset || (filler != null && !filler.isEmpty()) || subsetRanges != null) {
            super.writeFont(writer, ref, params);    // OpenPDF's own subset of this document
            return;
        }
        if (!glyphs.keySet().containsAll(used.keySet())) {
            writeOwnSubset(writer, ref, used);
            return;
        }
        // the objects of the batch, made once: only their references differ from one document to the next
        PdfIndirectReference cidSet = null;
        if (includeCidSet || writer.getPDFXConformance() == PdfWriter.PDFA1A || writer.getPDFXConformance() == PdfWriter.PDFA1B) {
            cidSet = writer.addToBody(stream(compressedCidSet, -1)).getIndirectReference();
        }
        PdfIndirectReference font = writer.addToBody(stream(compressed, length)).getIndirectReference();
        PdfDictionary descriptor = copy(descriptorTemplate);
        descriptor.put(PdfName.FONTFILE2, font);
        if (cidSet != null) {
            descriptor.put(PdfName.CIDSET, cidSet);
        }
        font = writer.addToBody(descriptor).getIndirectReference();
        PdfDictionary cidFont = copy(cidFontTemplate);
        cidFont.put(PdfName.FONTDESCRIPTOR, font);
        font = writer.addToBody(cidFont).getIndirectReference();
        PdfDictionary type0 = copy(type0Template);
        type0.put(PdfName.DESCENDANTFONTS, new PdfArray(font));
        if (toUnicode != null) {
            type0.put(PdfName.TOUNICODE, writer.addToBody(stream(toUnicode, -1)).getIndirectReference());
        }
        writer.addToBody(type0, ref);
    }

    /**
     * A document that prints a character outside the batch's subset: the subset of the glyphs this
     * document uses, made for it alone as OpenPDF makes it (the same objects, widths and ToUnicode
     * map of these glyphs only), without hinting and with the metrics of the glyphs it leaves out
     * at zero, as the batch's; its tag is derived from its glyphs, as the batch's.
     */
    private void writeOwnSubset(PdfWriter writer, PdfIndirectReference ref, HashMap<Integer, int[]> used)
            throws DocumentException, IOException {
        int[][] metrics = used.values().toArray(new int[0][]);
        Arrays.sort(metrics, (x, y) -> Integer.compare(x[0], y[0]));
        HashMap<Integer, int[]> kept = new HashMap<>(used);     // the subsetter adds the parts of composite glyphs
        byte[] raw = new TrueTypeFontSubSet(fileName, new RandomAccessFileOrArray(rf), kept, directoryOffset, false, false)
                .process();
        blankUnusedMetrics(raw, kept.keySet());
        raw = withoutHinting(raw);
        PdfIndirectReference cidSet = null;
        if (includeCidSet || writer.getPDFXConformance() == PdfWriter.PDFA1A || writer.getPDFXConformance() == PdfWriter.PDFA1B) {
            PdfStream set;
            if (metrics.length == 0) {
                set = new PdfStream(new byte[] {(byte) 0x80});
            } else {
                set = new PdfStream(cidSet(used.keySet()));
                set.flateCompress(compressionLevel);
            }
            cidSet = writer.addToBody(set).getIndirectReference();
        }
        PdfIndirectReference font = writer.addToBody(new StreamFont(raw, new int[] {raw.length}, compressionLevel))
                .getIndirectReference();
        String tag = prefix(kept, fileName);
        font = writer.addToBody(getFontDescriptor(font, tag, cidSet)).getIndirectReference();
        font = writer.addToBody((PdfDictionary) call(CID_FONT, font, tag, metrics)).getIndirectReference();
        PdfStream map = (PdfStream) call(TO_UNICODE, (Object) metrics);
        PdfIndirectReference toUnicodeRef = map == null ? null : writer.addToBody(map).getIndirectReference();
        writer.addToBody((PdfDictionary) call(FONT_BASE, font, tag, toUnicodeRef), ref);
    }

    /** The bytes of a CIDSet stream: one bit for each glyph, the first glyph in the highest bit of the first byte. */
    private static byte[] cidSet(java.util.Collection<Integer> glyphIds) {
        int top = glyphIds.stream().mapToInt(Integer::intValue).max().orElse(0);
        byte[] set = new byte[top / 8 + 1];
        for (int g : glyphIds) {
            set[g / 8] |= (byte) (0x80 >>> (g % 8));
        }
        return set;
    }

    /** A stream of bytes compressed already; {@code length1}: the uncompressed length of a font program, or -1. */
    private static PdfStream stream(byte[] compressed, int length1) {
        PdfStream s = new PdfStream(compressed);
        s.put(PdfName.FILTER, PdfName.FLATEDECODE);
        if (length1 >= 0) {
            s.put(PdfName.LENGTH1, new PdfNumber(length1));
        }
        return s;
    }

    private static PdfDictionary copy(PdfDictionary template) {
        PdfDictionary d = new PdfDictionary();
        d.merge(template);
        return d;
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
