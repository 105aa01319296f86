package org.coursekit.domain;

import java.util.Locale;

/** What a session is. Information evenings and follow-up meetings do not count by default. */
public enum SessionKind {
    INFO(false), MODULE(true), EXCURSION(true), WORKSHOP(true), FOLLOWUP(false);

    private final boolean countsByDefault;

    SessionKind(boolean countsByDefault) {
        this.countsByDefault = countsByDefault;
    }

    public boolean countsByDefault() {
        return countsByDefault;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown kind */
    public static SessionKind parse(String text) {
        for (SessionKind k : values()) {
            if (k.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException(text);
    }

    public static String allIds() {
        StringBuilder sb = new StringBuilder();
        for (SessionKind k : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(k.id());
        }
        return sb.toString();
    }
}
