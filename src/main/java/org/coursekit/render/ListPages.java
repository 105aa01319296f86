package org.coursekit.render;

import org.coursekit.i18n.Documents;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/**
 * What the printed lists (sign-in sheets, participant lists) share: "Seite 2" / "Page 2" at the
 * foot of every page, and the grey header row of their table.
 */
final class ListPages extends PdfPageEventHelper {
    private final Documents text;
    private final Font font;

    ListPages(Documents text, Font font) {
        this.text = text;
        this.font = font;
    }

    /** The table's header row: one grey cell per heading. */
    static void headerRow(PdfPTable table, Font font, String... headings) {
        for (String h : headings) {
            PdfPCell c = new PdfPCell(new Phrase(h, font));
            c.setGrayFill(0.9f);
            c.setPadding(5);
            table.addCell(c);
        }
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        PdfContentByte cb = writer.getDirectContent();
        ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(text.get("sheet.page", writer.getPageNumber()), font),
                document.right(), document.bottom() - 20, 0);
    }
}
