package org.coursekit.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.BatchSubsetFont;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Participant;

/**
 * The embedded fonts of every document: Liberation Sans (Latin, Greek, Cyrillic) from
 * {@code openpdf-fonts-extra}. The font files are read from the classpath once per process and
 * handed to OpenPDF as bytes; OpenPDF subsets them into each PDF, or, for a batch whose characters
 * are known beforehand, {@link #forBatch} subsets them once for all of its PDFs.
 */
public final class Fonts {
    private static byte[] regular;
    private static byte[] bold;

    private Fonts() {
    }

    /** A font file's name (ending in .ttf or .otf) and its bytes. */
    record Source(String name, byte[] bytes) {
    }

    public static BaseFont regular() {
        return create(regularSource(), true);
    }

    public static BaseFont bold() {
        return create(boldSource(), true);
    }

    static synchronized Source regularSource() {
        if (regular == null) {
            regular = read("/liberation/LiberationSans-Regular.ttf");
        }
        return new Source("LiberationSans-Regular.ttf", regular);
    }

    static synchronized Source boldSource() {
        if (bold == null) {
            bold = read("/liberation/LiberationSans-Bold.ttf");
        }
        return new Source("LiberationSans-Bold.ttf", bold);
    }

    /**
     * The same Liberation Sans as a Java 2D font (plain or bold, 1 pt; derive the size), so that a
     * chart drawn through {@code PdfGraphics2D} measures its labels with the metrics of the font
     * the PDF embeds.
     */
    public static synchronized java.awt.Font awt(boolean boldFace) {
        if (boldFace) {
            bold();
        } else {
            regular();
        }
        try {
            return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT,
                    new java.io.ByteArrayInputStream(boldFace ? bold : regular));
        } catch (java.awt.FontFormatException | IOException e) {
            throw new IllegalStateException("Liberation Sans is not a TrueType font", e);
        }
    }

    /**
     * A TrueType/OpenType font of the user's (a template's {@code field}), read once.
     * @throws InvalidData when the file is not such a font
     * @throws FileError when it cannot be read
     */
    public static BaseFont fromFile(java.nio.file.Path file, String field) {
        return create(sourceFromFile(file, field), file, field);
    }

    /** {@link #fromFile}'s font as a {@link Source}, read but not yet checked. */
    static Source sourceFromFile(java.nio.file.Path file, String field) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", file, e.getMessage());
        }
        return new Source(file.getFileName().toString(), bytes);
    }

    /** The font of {@code source}, a user's file (the template's {@code field}); InvalidData when it is none. */
    static BaseFont create(Source source, java.nio.file.Path file, String field) {
        try {
            return create(source, false);
        } catch (RuntimeException e) {   // OpenPDF: DocumentException, ExceptionConverter, or worse for a broken table
            throw new InvalidData(Msg.of("render.notFont", field, file), List.of(), e);
        }
    }

    /**
     * The font of {@code source}; {@code cached}: from OpenPDF's cache, which knows a font by its
     * file name alone: only for coursekit's own fonts. A user's font is made anew (once per
     * template), and not put there: a template's normal/Schrift.ttf and fett/Schrift.ttf would both
     * print in the first, a LiberationSans-Bold.ttf of the user's in coursekit's own.
     */
    private static BaseFont create(Source source, boolean cached) {
        try {
            BaseFont f = BaseFont.createFont(source.name(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, cached, source.bytes(), null);
            // the font subset is the biggest stream of a small PDF; the fastest deflate level costs a few
            // kilobytes and saves most of the time a batch of certificates spends compressing
            f.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The font of {@code source} for a batch of documents that print only the characters
     * {@code codePoints}: its subset is made and compressed once, and every document of the batch
     * embeds those bytes (a document with other characters gets its own subset, as with
     * {@link #create}).
     */
    static BaseFont forBatch(Source source, int[] codePoints) {
        try {
            BaseFont f = new BatchSubsetFont(source.name(), source.bytes(), codePoints);
            f.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Before anything is written: every name must be printable with the document's fonts, never a
     * silent blank. {@code missingGlyph} gives the first character a text's font lacks, or -1.
     * @throws InvalidData naming each person with a character the fonts lack
     */
    public static void requirePrintable(List<Participant> people, ToIntFunction<String> missingGlyph) {
        List<Msg> problems = new ArrayList<>();
        for (Participant p : people) {
            int cp = missingGlyph.applyAsInt(p.fullName());
            if (cp >= 0) {
                problems.add(Msg.of("render.missingGlyph", p.id(), new String(Character.toChars(cp)),
                        String.format("U+%04X", cp)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidData(Msg.of("render.missingGlyphs", problems.size()), problems);
        }
    }

    /** The first character of {@code text} that {@code font} cannot show, or -1. */
    public static int missingGlyph(BaseFont font, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!Character.isWhitespace(cp) && !font.charExists(cp)) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
