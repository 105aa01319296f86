package org.coursekit.i18n;

import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.Locale;

import org.coursekit.domain.Msg;
import org.coursekit.domain.Values;

/** Renders {@link Msg}s in one language from {@code Messages.properties} (+ {@code _de}). */
public final class Messages {
    private final Locale locale;
    private Texts own;
    private Texts english;

    public Messages(Locale locale) {
        this.locale = locale;
    }

    /**
     * The pattern of {@code key}: from the language's file, else from the English one (each read
     * on first use, straight from the properties file: ResourceBundle's machinery and
     * {@link java.util.Properties} cost noticeable start-up time); null when neither has it.
     */
    private String pattern(String key) {
        boolean en = locale.getLanguage().equals("en");
        if (own == null) {
            own = Texts.resource(en ? "/org/coursekit/i18n/Messages.properties"
                    : "/org/coursekit/i18n/Messages_" + locale.getLanguage() + ".properties");
        }
        String p = own.get(key);
        if (p != null || en) {
            return p;
        }
        if (english == null) {
            english = Texts.resource("/org/coursekit/i18n/Messages.properties");
        }
        return english.get(key);
    }

    /** German when {@code lang} (from --lang or the environment's locale) is German; English otherwise. */
    public static Locale choose(String lang) {
        return "de".equalsIgnoreCase(lang) ? Locale.GERMAN : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        String pattern = pattern(key);
        if (pattern == null) {
            StringBuilder sb = new StringBuilder(key);
            for (Object a : args) {
                sb.append(' ').append(text(a));
            }
            return sb.toString();
        }
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            rendered[i] = args[i] instanceof Number n ? n : text(args[i]);
        }
        return format(pattern, locale).format(rendered);
    }

    /** {@code pattern} with its plain {@code {N}} written {@link #AS_TEXT}. */
    static MessageFormat format(String pattern, Locale locale) {
        MessageFormat format = new MessageFormat(pattern, locale);
        Format[] formats = format.getFormats();
        for (int i = 0; i < formats.length; i++) {
            if (formats[i] == null) {
                format.setFormat(i, AS_TEXT);
            }
        }
        return format;
    }

    /**
     * A plain {@code {N}}: its argument as {@link #text} made it, a number as {@link String#valueOf}
     * writes it (digits, no grouping separator). Numbers stay numbers for the patterns that choose
     * the singular or plural by them, {@code {N,choice,0#{N,number,0} rows|1#1 row|1<{N,number,0} rows}}.
     */
    private static final Format AS_TEXT = new Format() {
        @Override
        public StringBuffer format(Object obj, StringBuffer to, FieldPosition pos) {
            return to.append(String.valueOf(obj));
        }

        @Override
        public Object parseObject(String source, ParsePosition pos) {
            throw new UnsupportedOperationException();
        }
    };

    public String render(Msg m) {
        return get(m.key(), m.args());
    }

    /**
     * An argument as shown: a message rendered, anything else (a command-line value, a file name,
     * a CSV cell or header, a JSON field name) with the characters a terminal would act on escaped
     * ({@link Values#printable}), so that no message carries an escape sequence or bidi override raw.
     */
    private String text(Object a) {
        if (a instanceof Msg m) {
            return render(m);
        }
        return Values.printable(String.valueOf(a));
    }
}
