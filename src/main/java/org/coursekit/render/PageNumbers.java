package org.coursekit.render;

import org.coursekit.i18n.Documents;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/** "Seite 2" / "Page 2" at the foot of every page of a list (sign-in sheets, participant lists). */
final class PageNumbers extends PdfPageEventHelper {
    private final Documents text;
    private final Font font;

    PageNumbers(Documents text, Font font) {
        this.text = text;
        this.font = font;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        PdfContentByte cb = writer.getDirectContent();
        ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(text.get("sheet.page", writer.getPageNumber()), font),
                document.right(), document.bottom() - 20, 0);
    }
}
