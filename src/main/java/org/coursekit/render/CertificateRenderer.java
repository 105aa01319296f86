package org.coursekit.render;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.ExceptionConverter;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfImportedPage;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import org.coursekit.domain.CertificateTemplate;
import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.FileError;
import org.coursekit.domain.InvalidData;
import org.coursekit.domain.Msg;

/**
 * Renders certificates from a template and each certificate's values (the register's snapshot).
 * One instance serves a whole batch: fonts and the background are read once, then every PDF is
 * streamed to its output.
 */
public final class CertificateRenderer {
    /** The values key of the QR code's content. */
    public static final String QR = "qr";

    private final CertificateTemplate template;
    private final Fonts.Source regularSource;
    /** null: bold is the regular font (a template with only a regular font of its own) */
    private final Fonts.Source boldSource;
    private final BaseFont regular;
    private final BaseFont bold;
    private final byte[] backgroundPdf;
    private final byte[] backgroundImage;
    private final Rectangle pageSize;

    static {
        // decode images in memory: ImageIO's cache file in the temporary folder would make a full
        // temporary folder look like a broken image
        javax.imageio.ImageIO.setUseCache(false);
    }

    /**
     * Reads the template's fonts and background, before anything is written.
     * @throws InvalidData when a font is not a font, or the background not an image or a PDF
     * @throws FileError when one of them cannot be read
     */
    public CertificateRenderer(CertificateTemplate template) {
        this.template = template;
        if (template.fontRegular() == null) {
            this.regularSource = Fonts.regularSource();
            this.regular = Fonts.regular();
        } else {
            Path file = Path.of(template.fontRegular());
            this.regularSource = Fonts.sourceFromFile(file, "font.regular");
            this.regular = Fonts.create(regularSource, file, "font.regular");
        }
        if (template.fontBold() != null) {
            Path file = Path.of(template.fontBold());
            this.boldSource = Fonts.sourceFromFile(file, "font.bold");
            this.bold = Fonts.create(boldSource, file, "font.bold");
        } else if (template.fontRegular() == null) {
            this.boldSource = Fonts.boldSource();
            this.bold = Fonts.bold();
        } else {
            this.boldSource = null;
            this.bold = regular;
        }
        this.backgroundPdf = read(template.backgroundPdf());
        this.backgroundImage = read(template.backgroundImage());
        if (backgroundPdf != null) {
            checkPdf(backgroundPdf, "background.pdf", template.backgroundPdf());
        }
        if (backgroundImage != null) {
            image(backgroundImage, "background.image", template.backgroundImage());
        }
        Rectangle size = switch (template.pageSize()) {
            case "A5" -> PageSize.A5;
            case "LETTER" -> PageSize.LETTER;
            default -> PageSize.A4;
        };
        this.pageSize = template.landscape() ? size.rotate() : size;
    }

    private CertificateRenderer(CertificateRenderer r, BaseFont regular, BaseFont bold) {
        this.template = r.template;
        this.regularSource = r.regularSource;
        this.boldSource = r.boldSource;
        this.regular = regular;
        this.bold = bold;
        this.backgroundPdf = r.backgroundPdf;
        this.backgroundImage = r.backgroundImage;
        this.pageSize = r.pageSize;
    }

    /**
     * This renderer for a batch of certificates with these values: the fonts' subsets are made
     * (and compressed) once and each PDF embeds those same bytes, instead of OpenPDF's subsetting
     * the fonts anew for every PDF. A subset holds what every certificate of the batch prints alike
     * (the template's texts, the values that are the same on all of them: course, dates,
     * signatories) and the letters of {@link #REPERTOIRE}, never a character because another
     * person's name has it: what a certificate embeds depends on its template, its course and its
     * own holder only. A certificate that prints a character outside its batch's subset (a Greek
     * name, say) gets a subset of its own glyphs. The result may be used by several threads at once.
     */
    public CertificateRenderer forBatch(Iterable<Map<String, String>> batch) {
        java.util.BitSet inRegular = new java.util.BitSet();
        java.util.BitSet inBold = boldSource == null ? inRegular : new java.util.BitSet();
        List<CertificateTemplate.Block> texts = new ArrayList<>(template.blocks());
        texts.addAll(template.bottom());
        // each text's characters and its placeholders' names, in the font it is printed in
        List<java.util.BitSet> fonts = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (CertificateTemplate.Block b : texts) {
            if (!b.isSignatures()) {
                fonts.add(b.bold() ? inBold : inRegular);
                names.add(placeholders(b.text()));
                add(fonts.get(fonts.size() - 1), b.text());
            }
        }
        fonts.add(inRegular);
        names.add(placeholders(template.codes().text()));
        add(inRegular, template.codes().text());
        // the values that are the same on every certificate of the batch
        Map<String, String> common = null;
        for (Map<String, String> values : batch) {
            if (common == null) {
                common = new java.util.HashMap<>(values);
            } else {
                common.entrySet().removeIf(e -> !java.util.Objects.equals(e.getValue(), values.get(e.getKey())));
            }
        }
        if (common != null) {
            for (int i = 0; i < fonts.size(); i++) {
                for (String name : names.get(i)) {
                    add(fonts.get(i), common.get(name));
                }
            }
            for (int i = 1; common.containsKey("signatory." + i + ".name"); i++) {
                add(inBold, common.get("signatory." + i + ".name"));
                add(inRegular, common.get("signatory." + i + ".role"));
            }
        }
        for (int[] range : REPERTOIRE) {
            inRegular.set(range[0], range[1] + 1);
            inBold.set(range[0], range[1] + 1);
        }
        BaseFont batchRegular = Fonts.forBatch(regularSource, inRegular.stream().toArray());
        BaseFont batchBold = boldSource == null ? batchRegular : Fonts.forBatch(boldSource, inBold.stream().toArray());
        return new CertificateRenderer(this, batchRegular, batchBold);
    }

    /**
     * The characters every batch subset holds, whoever is in the batch: Basic Latin, Latin-1 and
     * Latin Extended-A (German, French, Spanish, Polish, Turkish, Czech … names), as far as the font
     * has them.
     */
    static final int[][] REPERTOIRE = {{0x20, 0x7E}, {0xA0, 0xFF}, {0x100, 0x17F}};

    private static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        var m = CertificateTemplate.PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static void add(java.util.BitSet chars, String text) {
        if (text != null) {
            text.codePoints().forEach(chars::set);
        }
    }

    private static byte[] read(String path) {
        if (path == null) {
            return null;
        }
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new FileError(e, "file.cannotRead", path, e.getMessage());
        }
    }

    /**
     * Checks an image the certificates will show (a signature), before anything is written.
     * @throws InvalidData when it is not an image
     * @throws FileError when it cannot be read
     */
    public static void checkImage(String path, String field) {
        image(read(path), field, path);
    }

    /** The image in {@code bytes} (the file {@code path}, from {@code field}); InvalidData when it is none. */
    private static Image image(byte[] bytes, String field, String path) {
        try {
            return Image.getInstance(bytes);
        } catch (IOException | RuntimeException e) {
            throw notA("render.notImage", field, path, e);
        }
    }

    private static void checkPdf(byte[] bytes, String field, String path) {
        try {
            PdfReader reader = new PdfReader(bytes);
            if (reader.getNumberOfPages() < 1) {
                throw new IOException("no pages");
            }
        } catch (IOException | RuntimeException e) {
            throw notA("render.notPdf", field, path, e);
        }
    }

    /** A file that is not what its field says; but running out of memory while reading it stays what it is. */
    private static RuntimeException notA(String key, String field, String path, Exception e) {
        for (Throwable c : causes(e)) {
            if (c instanceof OutOfMemoryError oom) {
                throw oom;
            }
        }
        return new InvalidData(Msg.of(key, field, path), List.of(), e);
    }

    /**
     * {@code t} and its causes; OpenPDF wraps what goes wrong in an {@code ExceptionConverter}
     * whose cause is hidden from {@link Throwable#getCause()}, so that one is followed too.
     */
    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        while (t != null && all.size() < 20 && !all.contains(t)) {
            all.add(t);
            t = t instanceof ExceptionConverter ec && ec.getException() != null ? ec.getException() : t.getCause();
        }
        return all;
    }

    /** Runs {@code body}, turning OpenPDF's wrapped {@code IOException}s (a full disk) back into I/O failures. */
    private static void writing(Runnable body) {
        try {
            body.run();
        } catch (CoursekitException e) {
            throw e;
        } catch (RuntimeException e) {   // DocumentException, ExceptionConverter, nested in each other
            for (Throwable c : causes(e)) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom;
                }
            }
            for (Throwable c : causes(e)) {
                if (c instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
            throw e;
        }
    }

    /** The first character of {@code text} that the fonts used for names cannot show, or -1. */
    public int missingGlyph(String text) {
        int cp = Fonts.missingGlyph(bold, text);
        return cp >= 0 ? cp : Fonts.missingGlyph(regular, text);
    }

    /** Writes one certificate as a PDF, with its serial and code in the document information. */
    public void write(OutputStream out, Map<String, String> values) {
        writing(() -> writeOne(out, values));
    }

    private void writeOne(OutputStream out, Map<String, String> values) {
        Document doc = document();
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        doc.addTitle(values.getOrDefault("certificateTitle", "") + " – " + values.getOrDefault("fullName", ""));
        doc.addSubject(values.getOrDefault("courseTitle", ""));
        doc.addCreator("coursekit");
        doc.addHeader("CoursekitSerial", values.getOrDefault("serial", ""));
        doc.addHeader("CoursekitCode", values.getOrDefault("code", ""));
        doc.open();
        page(doc, writer, values);
        doc.close();
    }

    /** Writes many certificates into one print-ready PDF, one page each. */
    public void writeAll(OutputStream out, Iterable<Map<String, String>> all) {
        writing(() -> writeEach(out, all));
    }

    private void writeEach(OutputStream out, Iterable<Map<String, String>> all) {
        Document doc = document();
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addCreator("coursekit");
        doc.open();
        boolean first = true;
        for (Map<String, String> values : all) {
            if (!first) {
                doc.newPage();
            }
            first = false;
            page(doc, writer, values);
        }
        if (first) {
            doc.add(new Paragraph(" "));
        }
        doc.close();
    }

    private Document document() {
        float[] m = template.margins();
        return new Document(pageSize, m[3], m[1], m[0], m[2]);
    }

    private void page(Document doc, PdfWriter writer, Map<String, String> values) {
        background(doc, writer);
        for (CertificateTemplate.Block b : template.blocks()) {
            if (b.isSignatures()) {
                signatures(doc, b, values);
                continue;
            }
            String text = fillLines(b.text(), values);
            if (text.isBlank()) {
                continue;
            }
            Paragraph p = new Paragraph(text, font(b));
            p.setLeading(b.size() * 1.35f);
            p.setSpacingBefore(b.spaceBefore());
            p.setAlignment(align(b.align()));
            doc.add(p);
        }
        bottom(doc, writer, values);
    }

    private void background(Document doc, PdfWriter writer) {
        PdfContentByte under = writer.getDirectContentUnder();
        try {
            if (backgroundPdf != null) {
                PdfReader reader = new PdfReader(backgroundPdf);
                PdfImportedPage page = writer.getImportedPage(reader, 1);
                under.addTemplate(page, pageSize.getWidth() / page.getWidth(), 0, 0,
                        pageSize.getHeight() / page.getHeight(), 0, 0);
            } else if (backgroundImage != null) {
                Image img = image(backgroundImage, "background.image", template.backgroundImage());
                img.scaleAbsolute(pageSize.getWidth(), pageSize.getHeight());
                img.setAbsolutePosition(0, 0);
                under.addImage(img);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signatures(Document doc, CertificateTemplate.Block b, Map<String, String> values) {
        List<String[]> people = new ArrayList<>();
        for (int i = 1; values.containsKey("signatory." + i + ".name"); i++) {
            people.add(new String[] {values.get("signatory." + i + ".name"), values.getOrDefault("signatory." + i + ".role", ""),
                values.get("signatory." + i + ".image")});
        }
        if (people.isEmpty()) {
            return;
        }
        PdfPTable table = new PdfPTable(people.size());
        table.setWidthPercentage(people.size() == 1 ? 45 : 100);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingBefore(b.spaceBefore());
        Font name = new Font(bold, b.size());
        Font role = new Font(regular, b.size() * 0.9f, Font.NORMAL, new Color(0x44, 0x44, 0x44));
        for (String[] p : people) {
            PdfPCell cell = new PdfPCell();
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setPaddingLeft(people.size() == 1 ? 0 : 10);
            cell.setPaddingRight(people.size() == 1 ? 0 : 10);
            if (p[2] != null) {
                Image img = image(read(p[2]), "signatories.image", p[2]);
                img.scaleToFit(150, 40);
                cell.addElement(img);
            }
            PdfPTable line = new PdfPTable(1);
            line.setWidthPercentage(100);
            PdfPCell inner = new PdfPCell();
            inner.setBorder(Rectangle.TOP);
            inner.setBorderWidthTop(0.6f);
            inner.setPaddingTop(4);
            inner.addElement(new Paragraph(p[0], name));
            if (!p[1].isEmpty()) {
                inner.addElement(new Paragraph(p[1], role));
            }
            line.addCell(inner);
            cell.addElement(line);
            table.addCell(cell);
        }
        doc.add(table);
    }

    private void bottom(Document doc, PdfWriter writer, Map<String, String> values) {
        PdfContentByte cb = writer.getDirectContent();
        float left = doc.left();
        float right = doc.right();
        float y = doc.bottom();
        CertificateTemplate.Codes codes = template.codes();
        float qr = codes.qrSize();
        String content = values.get(QR);
        if (qr > 0 && content != null && !content.isEmpty()) {
            drawQr(cb, content, left, y, qr);
        }
        String codeText = fillLines(codes.text(), values);
        float textLeft = qr > 0 ? left + qr + 10 : left;
        if (!codeText.isBlank()) {
            ColumnText ct = new ColumnText(cb);
            Paragraph p = new Paragraph(codeText, new Font(regular, codes.size(), Font.NORMAL, new Color(0x33, 0x33, 0x33)));
            p.setLeading(codes.size() * 1.4f);
            ct.setSimpleColumn(textLeft, y, right, y + Math.max(qr, codes.size() * 4));
            ct.setYLine(y + Math.max(qr, codes.size() * 3) / 2 + codes.size() * 1.4f);
            ct.addElement(p);
            ct.go();
        }
        float top = y + Math.max(qr, 20) + 10;
        List<CertificateTemplate.Block> blocks = new ArrayList<>(template.bottom());
        java.util.Collections.reverse(blocks);
        for (CertificateTemplate.Block b : blocks) {
            String text = fillLines(b.text(), values);
            if (text.isBlank()) {
                continue;
            }
            Paragraph p = new Paragraph(text, font(b));
            p.setLeading(b.size() * 1.3f);
            p.setAlignment(align(b.align()));
            ColumnText measure = new ColumnText(cb);
            measure.setSimpleColumn(left, 0, right, 10_000);
            measure.addElement(p);
            measure.go(true);
            float height = 10_000 - measure.getYLine();
            ColumnText ct = new ColumnText(cb);
            ct.setSimpleColumn(left, top, right, top + height + 2);
            ct.addElement(new Paragraph(p));
            ct.go();
            top += height + b.spaceBefore() + 4;
        }
    }

    private static final java.util.Map<com.google.zxing.EncodeHintType, Object> QR_HINTS = java.util.Map.of(
            com.google.zxing.EncodeHintType.QR_MASK_PATTERN, 2,
            com.google.zxing.EncodeHintType.CHARACTER_SET, "UTF-8");

    private static void drawQr(PdfContentByte cb, String content, float x, float y, float size) {
        ByteMatrix m;
        try {
            // a fixed mask: choosing the "best" of eight costs most of the encoding time, and scanners read any
            m = Encoder.encode(content, ErrorCorrectionLevel.M, QR_HINTS).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
        int n = m.getWidth();
        float cell = size / n;
        cb.saveState();
        cb.setGrayFill(0);
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (m.get(col, row) != 1) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && m.get(col, row) == 1) {
                    col++;
                }
                cb.rectangle(x + start * cell, y + size - (row + 1) * cell, (col - start) * cell, cell);
            }
        }
        cb.fill();
        cb.restoreState();
    }

    private Font font(CertificateTemplate.Block b) {
        int style = b.italic() ? Font.ITALIC : Font.NORMAL;
        int[] c = b.rgb();
        return new Font(b.bold() ? bold : regular, b.size(), style, new Color(c[0], c[1], c[2]));
    }

    private static int align(String a) {
        return switch (a) {
            case "left" -> Element.ALIGN_LEFT;
            case "right" -> Element.ALIGN_RIGHT;
            case "justify" -> Element.ALIGN_JUSTIFIED;
            default -> Element.ALIGN_CENTER;
        };
    }

    /** Fills placeholders line by line, leaving out lines whose placeholders are all empty. */
    static String fillLines(String text, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (CertificateTemplate.allEmpty(line, values)) {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : "\n").append(CertificateTemplate.fill(line, values));
        }
        return sb.toString();
    }
}
