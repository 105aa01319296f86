package org.coursekit.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** What a PDF page draws: filled or stroked paths (vector graphics) and images, also inside form XObjects. */
final class PdfGraphics {
    private PdfGraphics() {
    }

    record Counts(int paths, int images) {
    }

    /** The paths painted and the images placed on page {@code index} (0-based). */
    static Counts count(Path pdf, int index) {
        try (PDDocument d = Pdfs.open(pdf)) {
            PDPage page = d.getPage(index);
            int[] c = new int[2];
            count(new PDFStreamParser(page).parse(), page.getResources(), c, 0);
            return new Counts(c[0], c[1]);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void count(java.util.List<Object> tokens, PDResources res, int[] c, int depth) throws IOException {
        for (Object t : tokens) {
            if (!(t instanceof Operator op)) {
                continue;
            }
            switch (op.getName()) {
                case "f", "F", "f*", "S", "s", "B", "B*", "b", "b*" -> c[0]++;
                case "BI" -> c[1]++;
                default -> { }
            }
        }
        if (res == null || depth > 3) {
            return;
        }
        for (COSName name : res.getXObjectNames()) {
            PDXObject x = res.getXObject(name);
            if (x instanceof PDImageXObject) {
                c[1]++;
            } else if (x instanceof PDFormXObject form) {
                count(new PDFStreamParser(form).parse(), form.getResources(), c, depth + 1);
            }
        }
    }
}
