package org.coursekit.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads PDFs back with PDFBox: text, pages, fonts, metadata, and QR codes decoded with ZXing. */
public final class Pdfs {
    private Pdfs() {
    }

    public static PDDocument open(Path pdf) {
        try {
            return Loader.loadPDF(pdf.toFile());
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF: " + pdf + ": " + e.getMessage(), e);
        }
    }

    /** The text of the whole document. */
    public static String text(Path pdf) {
        try (PDDocument d = open(pdf)) {
            return new PDFTextStripper().getText(d);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The text of each page. */
    public static List<String> pageTexts(Path pdf) {
        try (PDDocument d = open(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper s = new PDFTextStripper();
            for (int i = 1; i <= d.getNumberOfPages(); i++) {
                s.setStartPage(i);
                s.setEndPage(i);
                pages.add(s.getText(d));
            }
            return pages;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static int pages(Path pdf) {
        try (PDDocument d = open(pdf)) {
            return d.getNumberOfPages();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Name and whether embedded, of every font used on any page. */
    public static Map<String, Boolean> fonts(Path pdf) {
        Map<String, Boolean> fonts = new java.util.TreeMap<>();
        try (PDDocument d = open(pdf)) {
            for (PDPage page : d.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont f = res.getFont(name);
                    fonts.merge(f.getName(), f.isEmbedded(), Boolean::logicalAnd);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return fonts;
    }

    /** A custom field of the document information dictionary. */
    public static String info(Path pdf, String key) {
        try (PDDocument d = open(pdf)) {
            return d.getDocumentInformation().getCustomMetadataValue(key);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Renders page {@code index} (0-based) at {@code dpi} and decodes the QR code on it. */
    public static String qr(Path pdf, int index, int dpi) {
        // ZXing's reader misreads about one flawless code in a thousand at a given resolution
        // (a ChecksumException on a crisp rendering); a code is unreadable only if no resolution reads it.
        Exception last = null;
        try (PDDocument d = open(pdf)) {
            for (int res : new int[] {dpi, dpi * 3 / 2, dpi * 3 / 4, dpi * 5 / 4}) {
                BufferedImage img = new PDFRenderer(d).renderImageWithDPI(index, res, ImageType.RGB);
                int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
                RGBLuminanceSource source = new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels);
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
                try {
                    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                } catch (Exception e) {
                    last = e;
                }
            }
        } catch (Exception e) {
            last = e;
        }
        throw new AssertionError("no QR code decoded on page " + (index + 1) + " of " + pdf + ": " + last, last);
    }
}
