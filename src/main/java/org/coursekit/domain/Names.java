package org.coursekit.domain;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * The order in which people are listed, as German lists sort them: by last name without its leading
 * particles ("von Bülow" under B, "van der Berg" under B), then first name, as a dictionary sorts
 * (Ö with O, ß as ss); the id last, so that the order is total.
 */
public final class Names {
    /** Words that lead a last name without being sorted by (German, Dutch, French, Spanish, Italian, Portuguese). */
    private static final Set<String> PARTICLES = Set.of("von", "vom", "van", "de", "der", "den", "zu", "zum", "zur",
            "und", "la", "le", "les", "du", "des", "di", "da", "del", "della", "dos", "das", "ten", "ter", "op");

    private Names() {
    }

    public static Comparator<Participant> byName() {
        Collator c = Collator.getInstance(Locale.GERMAN);
        c.setStrength(Collator.SECONDARY);
        return Comparator.comparing((Participant p) -> sortKey(p.lastName()), c)
                .thenComparing(Participant::lastName, c)
                .thenComparing(Participant::firstName, c)
                .thenComparingLong(Participant::id);
    }

    /**
     * The part of a last name it is sorted by: without leading particles ("von der Heide": "Heide"),
     * whatever their case; a name made of particles only keeps its last word.
     */
    public static String sortKey(String lastName) {
        if (lastName == null) {
            return "";
        }
        String[] words = lastName.strip().split("\\s+");
        int i = 0;
        while (i < words.length - 1 && PARTICLES.contains(words[i].toLowerCase(Locale.ROOT))) {
            i++;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
    }
}
