package org.coursekit.render;

import java.io.OutputStream;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.coursekit.domain.Course;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Session;
import org.coursekit.i18n.Documents;

/**
 * A printable A4 sign-in sheet for one session: course, session, date, time and place on top
 * (repeated on every page), then one numbered row per participant with a box to sign in.
 */
public final class SignInSheet {
    private static final int BLANK_ROWS = 3;
    private static final float ROW_HEIGHT = 24f;

    private SignInSheet() {
    }

    /** The first character of a name the sheet's font cannot show, or -1. */
    public static int missingGlyph(String name) {
        return Fonts.missingGlyph(Fonts.regular(), name);
    }

    public static void write(OutputStream out, Course course, Session session, List<Participant> people, Documents text) {
        BaseFont regular = Fonts.regular();
        BaseFont bold = Fonts.bold();
        Font small = new Font(regular, 9);
        Font normal = new Font(regular, 11);
        Font heading = new Font(bold, 16);
        Font label = new Font(bold, 10);

        Document doc = new Document(PageSize.A4, 50, 50, 45, 50);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new ListPages(text, small));
        doc.addTitle(text.get("sheet.title") + " – " + course.title() + " – " + text.weekdayDate(session.date()));
        doc.addCreator("coursekit");
        doc.open();

        PdfPTable table = new PdfPTable(new float[] {7, 43, 50});
        table.setWidthPercentage(100);
        table.setHeaderRows(2);

        PdfPCell top = new PdfPCell();
        top.setColspan(3);
        top.setBorder(Rectangle.NO_BORDER);
        top.setPaddingBottom(12);
        if (course.organiser() != null) {
            top.addElement(new Paragraph(course.organiser(), small));
        }
        Paragraph title = new Paragraph(text.get("sheet.title") + ": " + course.title(), heading);
        title.setSpacingBefore(4);
        top.addElement(title);
        Paragraph what = new Paragraph(text.get("sheet.session", session.number(), session.title()), new Font(bold, 12));
        what.setSpacingBefore(6);
        top.addElement(what);
        top.addElement(new Paragraph(text.get("sheet.when", text.weekdayDate(session.date()),
                text.time(session.start()), text.time(session.end())), normal));
        String place = session.location() != null ? session.location() : course.location();
        if (place != null) {
            top.addElement(new Paragraph(text.get("sheet.where", place), normal));
        }
        if (session.cancelled()) {
            top.addElement(new Paragraph(text.get("sheet.cancelled"), new Font(bold, 12)));
        }
        table.addCell(top);

        ListPages.headerRow(table, label, text.get("sheet.col.number"), text.get("sheet.col.name"),
                text.get("sheet.col.signature"));
        int n = 0;
        for (Participant p : people) {
            n++;
            table.addCell(cell(Integer.toString(n), normal, Element.ALIGN_RIGHT));
            table.addCell(cell(p.lastName() + ", " + p.firstName(), normal, Element.ALIGN_LEFT));
            table.addCell(cell("", normal, Element.ALIGN_LEFT));
        }
        for (int i = 0; i < BLANK_ROWS; i++) {
            for (int k = 0; k < 3; k++) {
                table.addCell(cell("", normal, Element.ALIGN_LEFT));
            }
        }
        // the count as the table's last row, so that a page it spills onto also gets the header
        PdfPCell count = new PdfPCell(new Phrase(text.get("sheet.count", people.size()), small));
        count.setColspan(3);
        count.setBorder(Rectangle.NO_BORDER);
        count.setPaddingTop(6);
        table.addCell(count);
        doc.add(table);
        doc.close();
    }

    private static PdfPCell cell(String s, Font f, int align) {
        PdfPCell c = new PdfPCell(new Phrase(s, f));
        c.setFixedHeight(ROW_HEIGHT);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setHorizontalAlignment(align);
        c.setPaddingLeft(5);
        c.setPaddingRight(5);
        return c;
    }
}
