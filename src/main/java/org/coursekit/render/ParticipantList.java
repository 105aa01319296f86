package org.coursekit.render;

import java.io.OutputStream;
import java.time.LocalDate;
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
import org.coursekit.i18n.Documents;

/**
 * A printable A4 list of a course's participants: organiser, course and date on top (repeated on
 * every page), then one numbered row per person by last name; with {@code contact} also e-mail and
 * phone (for the trainer), without them a handout.
 */
public final class ParticipantList {
    private ParticipantList() {
    }

    /** The first character of a text the list's font cannot show, or -1. */
    public static int missingGlyph(String text) {
        return Fonts.missingGlyph(Fonts.regular(), text);
    }

    public static void write(OutputStream out, Course course, List<Participant> people, boolean contact, LocalDate asOf,
                             Documents text) {
        BaseFont regular = Fonts.regular();
        BaseFont bold = Fonts.bold();
        Font small = new Font(regular, 9);
        Font normal = new Font(regular, contact ? 10 : 11);
        Font heading = new Font(bold, 16);
        Font label = new Font(bold, 10);

        Document doc = new Document(PageSize.A4, 50, 50, 45, 50);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new ListPages(text, small));
        doc.addTitle(text.get("list.title") + " – " + course.title());
        doc.addCreator("coursekit");
        doc.open();

        float[] widths = contact ? new float[] {5, 32, 42, 21} : new float[] {7, 93};
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(2);

        PdfPCell top = new PdfPCell();
        top.setColspan(widths.length);
        top.setBorder(Rectangle.NO_BORDER);
        top.setPaddingBottom(12);
        if (course.organiser() != null) {
            top.addElement(new Paragraph(course.organiser(), small));
        }
        Paragraph title = new Paragraph(text.get("list.title") + ": " + course.title(), heading);
        title.setSpacingBefore(4);
        top.addElement(title);
        if (!course.trainers().isEmpty()) {
            top.addElement(new Paragraph(text.get("list.trainers", String.join(", ", course.trainers())), normal));
        }
        top.addElement(new Paragraph(text.get("list.asOf", text.date(asOf)), normal));
        table.addCell(top);

        String[] heads = contact
                ? new String[] {text.get("sheet.col.number"), text.get("sheet.col.name"), text.get("list.col.email"),
                    text.get("list.col.phone")}
                : new String[] {text.get("sheet.col.number"), text.get("sheet.col.name")};
        ListPages.headerRow(table, label, heads);
        int n = 0;
        for (Participant p : people) {
            n++;
            table.addCell(cell(Integer.toString(n), normal, Element.ALIGN_RIGHT));
            table.addCell(cell(p.lastName() + ", " + p.firstName(), normal, Element.ALIGN_LEFT));
            if (contact) {
                table.addCell(cell(p.email() == null ? "" : p.email(), normal, Element.ALIGN_LEFT));
                table.addCell(cell(p.phone() == null ? "" : p.phone(), normal, Element.ALIGN_LEFT));
            }
        }
        PdfPCell count = new PdfPCell(new Phrase(text.get("list.count", people.size()), small));
        count.setColspan(widths.length);
        count.setBorder(Rectangle.NO_BORDER);
        count.setPaddingTop(6);
        table.addCell(count);
        doc.add(table);
        doc.close();
    }

    private static PdfPCell cell(String s, Font f, int align) {
        PdfPCell c = new PdfPCell(new Phrase(s, f));
        c.setMinimumHeight(20f);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setHorizontalAlignment(align);
        c.setPaddingLeft(5);
        c.setPaddingRight(5);
        c.setPaddingBottom(4);
        return c;
    }
}
