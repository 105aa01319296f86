package org.coursekit.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Verification codes: 12 characters of Crockford's base 32 (60 random bits from a secure random
 * source), printed in groups of four such as {@code 7KQ2-M9XD-4TRA}. Reading is forgiving:
 * any case, dashes and spaces ignored, O read as 0 and I/L as 1.
 */
public final class VerificationCode {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    public static final int LENGTH = 12;

    private VerificationCode() {
    }

    /** A new code, normalised (no dashes). */
    public static String generate(SecureRandom random) {
        // 12 symbols of 5 bits = 60 of the 64 random bits of one call (a call per symbol costs a
        // hash computation each: a batch of a thousand certificates spent a tenth of a second here)
        long bits = random.nextLong();
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(c);
    }

    /** {@code 7KQ2M9XD4TRA} as {@code 7KQ2-M9XD-4TRA}. */
    public static String grouped(String code) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(code.charAt(i));
        }
        return sb.toString();
    }

    /** The normalised form of what a user typed, or null when it cannot be a code. */
    public static String normalise(String text) {
        StringBuilder sb = new StringBuilder();
        for (char ch : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (ch == '-' || ch == ' ') {
                continue;
            }
            char c = switch (ch) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> ch;
            };
            if (new String(ALPHABET).indexOf(c) < 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.length() == LENGTH ? sb.toString() : null;
    }
}
