package org.coursekit.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;

import com.lowagie.text.BadElementException;
import com.lowagie.text.Image;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfGraphics2D;
import com.lowagie.text.pdf.PdfTemplate;
import org.coursekit.domain.ProgrammeReport;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's bar charts, made with JFreeChart and drawn through OpenPDF's {@link PdfGraphics2D}
 * into a PDF template: vector paths and embedded text, no images. Readable in black and white:
 * greys with black outlines, and every bar labelled with its number (a small group "&lt;3", drawn as no bar).
 */
final class ReportCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");    // charts are drawn into PDFs, never onto a screen
        }
    }

    static final Color LIGHT = new Color(0xD9, 0xD9, 0xD9);
    static final Color MID = new Color(0x8C, 0x8C, 0x8C);
    static final Color DARK = new Color(0x40, 0x40, 0x40);

    private final StandardChartTheme theme;
    private final FontMapper mapper;
    private final java.text.NumberFormat integers;
    /** Whole numbers only: shared by every chart (read-only once made). */
    private final org.jfree.chart.axis.TickUnitSource integerTicks = NumberAxis.createIntegerTickUnits();

    /** Charts whose text is set in {@code regular}/{@code bold}, the fonts the PDF embeds; numbers as in {@code locale}. */
    ReportCharts(BaseFont regular, BaseFont bold, java.util.Locale locale) {
        this.integers = java.text.NumberFormat.getIntegerInstance(locale);
        java.awt.Font plain = Fonts.awt(false);
        java.awt.Font heavy = Fonts.awt(true);
        theme = new StandardChartTheme("coursekit");
        theme.setExtraLargeFont(heavy.deriveFont(10f));
        theme.setLargeFont(plain.deriveFont(8.5f));
        theme.setRegularFont(plain.deriveFont(8f));
        theme.setSmallFont(plain.deriveFont(7.5f));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(LIGHT);
        theme.setTitlePaint(Color.BLACK);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setItemLabelPaint(Color.BLACK);
        theme.setLegendItemPaint(Color.BLACK);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        mapper = new FontMapper() {
            @Override
            public BaseFont awtToPdf(java.awt.Font font) {
                return font.isBold() || font.getFontName().contains("Bold") ? bold : regular;
            }

            @Override
            public java.awt.Font pdfToAwt(BaseFont font, int size) {
                return (font == bold ? heavy : plain).deriveFont((float) size);
            }
        };
    }

    /** One bar series: its name, paint, and the category labels and counts. */
    record Series(String name, Paint paint, List<String> categories, List<Integer> counts) {
    }

    /**
     * A bar chart of counts of people; {@code perCategory}: one series whose bars take the paints in
     * turn (the funnel), else the series' own paints (and a legend when there are several).
     */
    JFreeChart bars(String title, String axis, List<Series> series, List<Paint> perCategory) {
        DefaultCategoryDataset plotted = new DefaultCategoryDataset();
        DefaultCategoryDataset exact = new DefaultCategoryDataset();
        for (Series s : series) {
            for (int i = 0; i < s.categories().size(); i++) {
                int n = s.counts().get(i);
                exact.addValue(n, s.name(), s.categories().get(i));
                plotted.addValue(ProgrammeReport.small(n) ? 0 : n, s.name(), s.categories().get(i));
            }
        }
        JFreeChart chart = new JFreeChart(title, null, new CategoryPlot(plotted, new CategoryAxis(null), new NumberAxis(axis),
                perCategory == null ? new BarRenderer() : new CategoryPaints(perCategory)), series.size() > 1);
        theme.apply(chart);
        chart.setPadding(new RectangleInsets(2, 2, 2, 2));
        chart.setAntiAlias(false);
        // PdfGraphics2D spaces the letters to the width Java 2D measured: with integer metrics that is
        // wider than the embedded font's own, so labels would look spaced out and wrap too early
        chart.getRenderingHints().put(java.awt.RenderingHints.KEY_FRACTIONALMETRICS,
                java.awt.RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(true);
        plot.setOutlineVisible(false);
        CategoryAxis categories = plot.getDomainAxis();
        categories.setMaximumCategoryLabelLines(3);
        categories.setMaximumCategoryLabelWidthRatio(1.0f);
        categories.setCategoryMargin(series.size() > 1 ? 0.25 : 0.15);
        categories.setLowerMargin(0.03);
        categories.setUpperMargin(0.03);
        NumberAxis counts = (NumberAxis) plot.getRangeAxis();
        counts.setStandardTickUnits(integerTicks);
        counts.setNumberFormatOverride(integers);
        counts.setUpperMargin(0.18);
        counts.setAutoRangeMinimumSize(4);
        counts.setLowerBound(0);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setDrawBarOutline(true);
        r.setItemMargin(0.04);
        r.setMaximumBarWidth(0.16);
        r.setShadowVisible(false);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, series.get(i).paint());
            r.setSeriesOutlinePaint(i, Color.BLACK);
            r.setSeriesOutlineStroke(i, new java.awt.BasicStroke(0.6f));
        }
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                int n = exact.getValue(dataset.getRowKey(row), dataset.getColumnKey(column)).intValue();
                return ProgrammeReport.small(n) ? "<" + ProgrammeReport.SMALL : Integer.toString(n);
            }
        });
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        r.setItemLabelAnchorOffset(2);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.TOP);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    /** The chart drawn as vectors into a template of {@code width} × {@code height} points, as an element to place. */
    Image draw(PdfContentByte cb, JFreeChart chart, float width, float height) {
        PdfTemplate template = cb.createTemplate(width, height);
        Graphics2D g2 = new PdfGraphics2D(template, width, height, mapper, false, false, 0.95f);
        g2.setRenderingHint(java.awt.RenderingHints.KEY_FRACTIONALMETRICS, java.awt.RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        try {
            return Image.getInstance(template);
        } catch (BadElementException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One series whose bars take the given paints in turn. */
    private static final class CategoryPaints extends BarRenderer {
        private static final long serialVersionUID = 1L;
        private final List<Paint> paints;

        CategoryPaints(List<Paint> paints) {
            this.paints = List.copyOf(paints);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            return paints.get(column % paints.size());
        }
    }
}
