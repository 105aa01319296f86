package org.coursekit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    private static List<String> sorted(String... lastNames) {
        List<Participant> people = new ArrayList<>();
        long id = 1;
        for (String last : lastNames) {
            people.add(new Participant(id++, "A", last, null, null, null, null, null));
        }
        people.sort(Names.byName());
        return people.stream().map(Participant::lastName).toList();
    }

    @Test
    void vonBuelowSortsUnderBAsInGermanLists() {
        assertThat(sorted("Vogel", "von Bülow", "Bauer", "Bulwer", "Zimmer"))
                .containsExactly("Bauer", "von Bülow", "Bulwer", "Vogel", "Zimmer");
    }

    @ParameterizedTest
    @CsvSource({"von Bülow, Bülow", "van der Berg, Berg", "de la Cruz, Cruz", "von der Heide, Heide", "zu Putlitz, Putlitz",
        "Van Dyke, Dyke", "de Vries, Vries", "von und zu Guttenberg, Guttenberg", "Müller, Müller", "Vonnegut, Vonnegut",
        "van, van", "De, De", "'  von   Bülow ', Bülow", "de la, la"})
    void sortKeyLeavesOutLeadingParticles(String lastName, String key) {
        assertThat(Names.sortKey(lastName)).isEqualTo(key);
    }

    @Test
    void umlautsWithTheirVowelAndSharpSAsDoubleS() {
        assertThat(sorted("Zorn", "Öztürk", "Ozean", "Oz")).containsExactly("Oz", "Ozean", "Öztürk", "Zorn");
        assertThat(sorted("Grosz", "Große", "Grossa")).containsExactly("Grossa", "Große", "Grosz");
        assertThat(sorted("Ärger", "Arzt", "Abel")).containsExactly("Abel", "Ärger", "Arzt");
    }
}
