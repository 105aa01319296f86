package org.coursekit.io;

import java.util.Locale;

import org.coursekit.domain.CoursekitException;
import org.coursekit.domain.Msg;
import org.coursekit.i18n.Messages;

/** Renders an exception's message and details in English, one line each, as the CLI would show them. */
final class Problems {
    private static final Messages EN = new Messages(Locale.ENGLISH);

    private Problems() {
    }

    static String text(Throwable t) {
        CoursekitException e = (CoursekitException) t;
        StringBuilder sb = new StringBuilder(EN.render(e.msg())).append('\n');
        for (Msg m : e.details()) {
            sb.append(EN.render(m)).append('\n');
        }
        return sb.toString();
    }
}
