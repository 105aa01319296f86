package org.coursekit.i18n;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/** Texts of generated documents (sheets, certificates, mails) in the document's language. */
public final class Documents {
    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter longDate;
    private final DateTimeFormatter weekdayDate;
    private final DateTimeFormatter dayMonth;

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

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        Object[] text = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            text[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, locale).format(text);
    }

    /** "5. März 2019" / "5 March 2019". */
    public String date(LocalDate d) {
        return longDate.format(d);
    }

    /** "20. Februar" / "20 February". */
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
