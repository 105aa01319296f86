package org.coursekit.i18n;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/** Texts of generated documents (sheets, certificates, mails) in the document's language. */
public final class Documents implements org.coursekit.domain.Placeholder.Wording {
    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter longDate;
    private final DateTimeFormatter weekdayDate;
    private final DateTimeFormatter dayMonth;
    /** Parsed once per key: a batch formats the same few texts for every certificate. */
    private final java.util.Map<String, MessageFormat> formats = new java.util.HashMap<>();

    public Documents(String language) {
        this.locale = "de".equals(language) ? Locale.GERMAN : Locale.ENGLISH;
        this.bundle = ResourceBundle.getBundle("org.coursekit.i18n.Documents", locale, Documents.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.longDate = DateTimeFormatter.ofPattern(bundle.getString("pattern.date"), locale);
        this.weekdayDate = DateTimeFormatter.ofPattern(bundle.getString("pattern.weekdayDate"), locale);
        this.dayMonth = DateTimeFormatter.ofPattern(bundle.getString("pattern.dayMonth"), locale);
    }

    public Locale locale() {
        return locale;
    }

    @Override
    public synchronized String get(String key, Object... args) {
        MessageFormat format = formats.computeIfAbsent(key, k -> Messages.format(bundle.getString(k), locale));
        Object[] text = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = args[i] instanceof Number n ? n : String.valueOf(args[i]);
        }
        return format.format(text);
    }

    /** "5. März 2019" / "5 March 2019". */
    @Override
    public String date(LocalDate d) {
        return longDate.format(d);
    }

    /** "20. Februar" / "20 February". */
    @Override
    public String dateWithoutYear(LocalDate d) {
        return dayMonth.format(d);
    }

    /** "Dienstag, 20. Februar 2018" / "Tuesday, 20 February 2018". */
    public String weekdayDate(LocalDate d) {
        return weekdayDate.format(d);
    }

    public String time(LocalTime t) {
        return org.coursekit.domain.Values.time(t);
    }
}
