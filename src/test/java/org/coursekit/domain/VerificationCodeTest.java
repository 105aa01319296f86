package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VerificationCodeTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void codesUseAllThirtyTwoSymbolsInEveryPosition() {
        SecureRandom random = new SecureRandom();
        @SuppressWarnings("unchecked")
        Set<Character>[] seen = new Set[VerificationCode.LENGTH];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new HashSet<>();
        }
        Set<String> codes = new HashSet<>();
        for (int n = 0; n < 5000; n++) {
            String code = VerificationCode.generate(random);
            assertThat(code).hasSize(VerificationCode.LENGTH).matches("[" + ALPHABET + "]+");
            codes.add(code);
            for (int i = 0; i < code.length(); i++) {
                seen[i].add(code.charAt(i));
            }
        }
        assertThat(codes).hasSize(5000);                 // 60 random bits: no repeats in a few thousand
        for (Set<Character> position : seen) {
            assertThat(position).hasSize(32);             // 5000 draws miss a symbol with probability ~1e-67
        }
    }
}
