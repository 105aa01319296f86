package org.coursekit.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.coursekit.domain.Msg;

/** Renders {@link Msg}s in one language from {@code Messages.properties} (+ {@code _de}). */
public final class Messages {
    public static final String BUNDLE = "org.coursekit.i18n.Messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    public Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** German when {@code lang} (from --lang or the environment's locale) is German; English otherwise. */
    public static Locale choose(String lang) {
        return "de".equalsIgnoreCase(lang) ? Locale.GERMAN : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            StringBuilder sb = new StringBuilder(key);
            for (Object a : args) {
                sb.append(' ').append(text(a));
            }
            return sb.toString();
        }
        if (args.length == 0) {
            return pattern.replace("''", "'");
        }
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            rendered[i] = text(args[i]);
        }
        return new MessageFormat(pattern, locale).format(rendered);
    }

    public String render(Msg m) {
        return get(m.key(), m.args());
    }

    private String text(Object a) {
        if (a instanceof Msg m) {
            return render(m);
        }
        return String.valueOf(a);
    }
}
