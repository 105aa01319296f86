package org.coursekit.render;

import java.awt.Paint;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import org.coursekit.domain.ProgrammeReport;
import org.coursekit.domain.ProgrammeReport.Figures;
import org.coursekit.i18n.Documents;

/**
 * The programme report for the funder, A4: a title page (organiser, period, the totals with their
 * charts), an overview of the courses when there are several, then a page per course with its
 * figures, attendance per session, enrolled → still active → certified, the groups by form and age,
 * and its alumni projects. Groups of 1 or 2 people are shown as "&lt;3" throughout.
 */
public final class ProgrammeReportPdf {
    private static final float WIDTH = PageSize.A4.getWidth() - 2 * 50;

    private final Documents text;
    private final Font small;
    private final Font normal;
    private final Font label;
    private final Font heading;
    private final Font title;
    private final NumberFormat percent;
    private final DateTimeFormatter sessionDate;
    private final DateTimeFormatter shortDate;
    private final Font small9;
    private final ReportCharts charts;

    private ProgrammeReportPdf(Documents text, BaseFont regular, BaseFont bold) {
        this.text = text;
        small = new Font(regular, 8);
        normal = new Font(regular, 10);
        label = new Font(bold, 9.5f);
        heading = new Font(bold, 15);
        title = new Font(bold, 26);
        percent = NumberFormat.getNumberInstance(text.locale());
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        sessionDate = DateTimeFormatter.ofPattern(text.get("report.pattern.session"), text.locale());
        shortDate = DateTimeFormatter.ofPattern(text.get("report.pattern.date"), text.locale());
        small9 = new Font(regular, 8.5f);
        charts = new ReportCharts(regular, bold, text.locale());
    }

    /** Writes the report; {@code year}: the year it covers, when it was asked for by year. */
    public static void write(OutputStream out, ProgrammeReport.Report report, Integer year, Documents text) {
        BaseFont regular = Fonts.regular();
        BaseFont bold = Fonts.bold();
        new ProgrammeReportPdf(text, regular, bold).render(out, report, year);
    }

    private void render(OutputStream out, ProgrammeReport.Report report, Integer year) {
        Document doc = new Document(PageSize.A4, 50, 50, 45, 50);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new ListPages(text, small));
        doc.addTitle(text.get("report.title"));
        doc.addCreator("coursekit");
        doc.open();
        PdfContentByte cb = writer.getDirectContent();
        titlePage(doc, cb, report, year);
        if (report.courses().size() > 1) {
            doc.newPage();
            overview(doc, report);
        }
        for (Figures f : report.courses()) {
            doc.newPage();
            coursePage(doc, cb, f);
        }
        doc.close();
    }

    private void titlePage(Document doc, PdfContentByte cb, ProgrammeReport.Report report, Integer year) {
        Figures t = report.totals();
        Set<String> organisers = new LinkedHashSet<>();
        for (Figures f : report.courses()) {
            if (f.organiser() != null) {
                organisers.add(f.organiser());
            }
        }
        Paragraph p = new Paragraph(text.get("report.title"), title);
        p.setSpacingBefore(30);
        p.setSpacingAfter(14);
        doc.add(p);
        if (organisers.size() <= 3) {
            for (String o : organisers) {
                doc.add(new Paragraph(o, new Font(normal.getBaseFont(), 13)));
            }
        } else {
            doc.add(new Paragraph(text.get("report.organisers.many", organisers.size()), new Font(normal.getBaseFont(), 13)));
        }
        String period = year != null ? Integer.toString(year)
                : t.firstDate() == null ? text.get("report.none")
                : text.get("report.dates", text.date(t.firstDate()), text.date(t.lastDate()));
        Paragraph meta = new Paragraph(text.get("report.period", period), normal);
        meta.setSpacingBefore(10);
        doc.add(meta);
        doc.add(new Paragraph(text.get("report.courseCount", report.courses().size()), normal));
        doc.add(new Paragraph(text.get("report.asOf", text.date(report.asOf())), normal));
        Paragraph h = new Paragraph(text.get("report.totals"), heading);
        h.setSpacingBefore(22);
        h.setSpacingAfter(8);
        doc.add(h);
        doc.add(figuresTable(t));
        PdfPTable grid = grid();
        grid.addCell(chartCell(cb, funnel(t)));
        grid.addCell(chartCell(cb, forms(t)));
        grid.addCell(chartCell(cb, ages(t)));
        PdfPCell notes = new PdfPCell();
        notes.setBorder(Rectangle.NO_BORDER);
        notes.setPaddingLeft(12);
        notes.setPaddingTop(20);
        Paragraph n1 = new Paragraph(text.get("report.small"), small);
        n1.setSpacingAfter(6);
        notes.addElement(n1);
        notes.addElement(new Paragraph(text.get("report.definitions"), small));
        grid.addCell(notes);
        doc.add(grid);
    }

    private void overview(Document doc, ProgrammeReport.Report report) {
        Paragraph h = new Paragraph(text.get("report.overview"), heading);
        h.setSpacingAfter(8);
        doc.add(h);
        PdfPTable table = new PdfPTable(new float[] {42, 8, 13, 13, 10, 14});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        ListPages.headerRow(table, new Font(label.getBaseFont(), 8.5f), text.get("report.col.course"), text.get("report.col.year"),
                text.get("report.col.enrolled"), text.get("report.col.certified"), text.get("report.col.rate"),
                text.get("report.col.attendance"));
        for (Figures f : report.courses()) {
            table.addCell(cell(f.title(), Element.ALIGN_LEFT));
            table.addCell(cell(f.year() == null ? text.get("report.none") : f.year().toString(), Element.ALIGN_RIGHT));
            table.addCell(cell(people(f.enrolled()), Element.ALIGN_RIGHT));
            table.addCell(cell(people(f.certified()), Element.ALIGN_RIGHT));
            table.addCell(cell(rate(f.certificationRate(), f.certified(), f.enrolled()), Element.ALIGN_RIGHT));
            table.addCell(cell(rate(f.meanAttendanceRate(), f.attended(), f.expected()), Element.ALIGN_RIGHT));
        }
        doc.add(table);
        Paragraph p = new Paragraph(text.get("report.projects"), heading);
        p.setSpacingBefore(18);
        p.setSpacingAfter(8);
        doc.add(p);
        doc.add(projectsTable(report.totals()));
    }

    private void coursePage(Document doc, PdfContentByte cb, Figures f) {
        Paragraph h = new Paragraph(f.title(), heading);
        doc.add(h);
        List<String> about = new ArrayList<>();
        if (f.organiser() != null) {
            about.add(f.organiser());
        }
        if (f.firstDate() != null) {
            about.add(text.get("report.dates", text.date(f.firstDate()), text.date(f.lastDate())));
        }
        about.add(f.id());
        Paragraph sub = new Paragraph(String.join(" · ", about), small);
        sub.setSpacingAfter(8);
        doc.add(sub);
        doc.add(figuresTable(f));
        if (f.attendanceBySession().isEmpty()) {
            Paragraph none = new Paragraph(text.get("report.noSessions"), normal);
            none.setSpacingBefore(10);
            none.setSpacingAfter(10);
            doc.add(none);
        } else {
            PdfPTable one = new PdfPTable(1);
            one.setWidthPercentage(100);
            one.setSpacingBefore(6);
            one.addCell(chartCell(cb, attendance(f), WIDTH, 185));
            doc.add(one);
        }
        PdfPTable grid = grid();
        grid.addCell(chartCell(cb, funnel(f)));
        grid.addCell(chartCell(cb, forms(f)));
        grid.addCell(chartCell(cb, ages(f)));
        PdfPCell projects = new PdfPCell();
        projects.setBorder(Rectangle.NO_BORDER);
        projects.setPaddingLeft(10);
        projects.setPaddingTop(6);
        Paragraph ph = new Paragraph(text.get("report.projects"), label);
        ph.setSpacingAfter(4);
        projects.addElement(ph);
        projects.addElement(projectsTable(f));
        grid.addCell(projects);
        doc.add(grid);
    }

    private PdfPTable figuresTable(Figures f) {
        PdfPTable table = new PdfPTable(new float[] {33, 17, 33, 17});
        table.setWidthPercentage(100);
        String[][] rows = {
            {"report.fig.sessionsHeld", Integer.toString(f.sessionsHeld()), "report.fig.sessionsCancelled",
                Integer.toString(f.sessionsCancelled())},
            {"report.fig.enrolled", people(f.enrolled()), "report.fig.withdrawn", people(f.withdrawn())},
            {"report.fig.certified", people(f.certified()), "report.fig.certificationRate",
                rate(f.certificationRate(), f.certified(), f.enrolled())},
            {"report.fig.meanAttendance", rate(f.meanAttendanceRate(), f.attended(), f.expected()), "report.fig.followups",
                Integer.toString(f.followupMeetings())},
            {"report.fig.followupAttendance", people(f.followupAttendance()), "report.fig.projects",
                Integer.toString(f.projects().size())},
        };
        int i = 0;
        for (String[] r : rows) {
            float grey = i++ % 2 == 0 ? 0.95f : 1f;
            for (int c = 0; c < 4; c += 2) {
                PdfPCell k = cell(text.get(r[c]), Element.ALIGN_LEFT);
                k.setGrayFill(grey);
                table.addCell(k);
                PdfPCell v = new PdfPCell(new Phrase(r[c + 1], label));
                v.setHorizontalAlignment(Element.ALIGN_RIGHT);
                v.setPadding(4);
                v.setPaddingRight(8);
                v.setBorderColor(java.awt.Color.GRAY);
                v.setGrayFill(grey);
                table.addCell(v);
            }
        }
        return table;
    }

    private PdfPTable projectsTable(Figures f) {
        PdfPTable table = new PdfPTable(new float[] {54, 25, 21});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        ListPages.headerRow(table, new Font(label.getBaseFont(), 8f), text.get("report.col.project"),
                text.get("report.col.since"), text.get("report.col.people"));
        if (f.projects().isEmpty()) {
            PdfPCell none = cell(text.get("report.noProjects"), Element.ALIGN_LEFT);
            none.setColspan(3);
            table.addCell(none);
        }
        for (ProgrammeReport.ProjectFigures p : f.projects()) {
            table.addCell(cell(p.title(), Element.ALIGN_LEFT, small9));
            table.addCell(cell(p.since() == null ? "" : shortDate.format(p.since()), Element.ALIGN_LEFT, small9));
            table.addCell(cell(people(p.people()), Element.ALIGN_RIGHT, small9));
        }
        return table;
    }

    private org.jfree.chart.JFreeChart attendance(Figures f) {
        List<String> cats = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Integer> attended = new ArrayList<>();
        for (ProgrammeReport.SessionFigures s : f.attendanceBySession()) {
            cats.add(text.get("report.sessionLabel", s.session(), sessionDate.format(s.date())));
            expected.add(s.expected());
            attended.add(s.attended());
        }
        return charts.bars(text.get("report.chart.attendance"), text.get("report.chart.people"), List.of(
                new ReportCharts.Series(text.get("report.chart.expected"), ReportCharts.LIGHT, cats, expected),
                new ReportCharts.Series(text.get("report.chart.attended"), ReportCharts.DARK, cats, attended)), null);
    }

    private org.jfree.chart.JFreeChart funnel(Figures f) {
        List<String> cats = List.of(text.get("report.funnel.enrolled"), text.get("report.funnel.active"),
                text.get("report.funnel.certified"));
        List<Paint> paints = List.of(ReportCharts.LIGHT, ReportCharts.MID, ReportCharts.DARK);
        return charts.bars(text.get("report.chart.funnel"), text.get("report.chart.people"), List.of(
                new ReportCharts.Series(text.get("report.chart.people"), ReportCharts.MID, cats,
                        List.of(f.enrolled(), f.active(), f.certified()))), paints);
    }

    private org.jfree.chart.JFreeChart forms(Figures f) {
        return groups(text.get("report.chart.form"), "report.form.", f.byForm());
    }

    private org.jfree.chart.JFreeChart ages(Figures f) {
        return groups(text.get("report.chart.age"), "report.age.", f.byAgeGroup());
    }

    private org.jfree.chart.JFreeChart groups(String chartTitle, String prefix, Map<String, Integer> counts) {
        List<String> cats = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        counts.forEach((k, v) -> {
            cats.add(text.get(prefix + k));
            values.add(v);
        });
        return charts.bars(chartTitle, text.get("report.chart.people"), List.of(
                new ReportCharts.Series(text.get("report.chart.people"), ReportCharts.MID, cats, values)), null);
    }

    private static PdfPTable grid() {
        PdfPTable grid = new PdfPTable(2);
        grid.setWidthPercentage(100);
        grid.setSpacingBefore(8);
        return grid;
    }

    private PdfPCell chartCell(PdfContentByte cb, org.jfree.chart.JFreeChart chart) {
        return chartCell(cb, chart, WIDTH / 2 - 4, 165);
    }

    private PdfPCell chartCell(PdfContentByte cb, org.jfree.chart.JFreeChart chart, float width, float height) {
        Image image = charts.draw(cb, chart, width, height);
        PdfPCell c = new PdfPCell(image, false);
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(2);
        c.setHorizontalAlignment(Element.ALIGN_CENTER);
        return c;
    }

    private PdfPCell cell(String s, int align) {
        return cell(s, align, normal);
    }

    private static PdfPCell cell(String s, int align, Font font) {
        PdfPCell c = new PdfPCell(new Phrase(s, font));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setPadding(4);
        c.setBorderColor(java.awt.Color.GRAY);
        return c;
    }

    private static String people(int n) {
        return ProgrammeReport.small(n) ? "<" + ProgrammeReport.SMALL : Integer.toString(n);
    }

    /** A rate as a percentage, "78,6 %"; "–" when there is none or it is made of a small group. */
    private String rate(BigDecimal r, int part, int whole) {
        if (r == null || ProgrammeReport.small(part) || ProgrammeReport.small(whole)) {
            return text.get("report.none");
        }
        return text.get("report.percent", percent.format(r.movePointRight(2)));
    }
}
