package org.coursekit.domain;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/** The order in which people are listed: by last name, then first name, as a dictionary sorts (Ö with O). */
public final class Names {
    private Names() {
    }

    public static Comparator<Participant> byName() {
        Collator c = Collator.getInstance(Locale.GERMAN);
        c.setStrength(Collator.SECONDARY);
        return Comparator.comparing(Participant::lastName, c)
                .thenComparing(Participant::firstName, c)
                .thenComparingLong(Participant::id);
    }
}
