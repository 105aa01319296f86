package org.coursekit.domain;

import java.util.Locale;
import java.util.Optional;

/** How a person wishes to be addressed: female, male, or neither (divers / no salutation). */
public enum Form {
    F, M, X;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the codes {@code f}, {@code m}, {@code x} and the words organisers' spreadsheets use
     * (English and German salutations, also "Fr." and "Hr."), whatever their case. Blank means "not given".
     */
    public static Optional<Form> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return switch (s) {
            case "f", "w", "frau", "fr", "female", "weiblich", "mrs", "ms", "miss", "woman" -> Optional.of(F);
            case "m", "herr", "hr", "male", "männlich", "maennlich", "mr", "man" -> Optional.of(M);
            case "x", "d", "divers", "diverse", "keine", "keine angabe", "none", "other", "-" -> Optional.of(X);
            default -> throw new IllegalArgumentException(text);
        };
    }
}
