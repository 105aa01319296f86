package org.coursekit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a certificate showed is stored as properties text; whatever the texts hold, it reads back the same. */
class SnapshotPropertiesTest {
    @Property(tries = 2000)
    void snapshotsReadBackUnchanged(@ForAll("snapshots") Map<String, String> values) throws Exception {
        String text = CertificateRepository.encode(values);
        assertThat(CertificateRepository.decode(text)).isEqualTo(values);
        Properties p = new Properties();      // any properties reader, not just ours
        p.load(new StringReader(text));
        assertThat(p).hasSize(values.size());
        values.forEach((k, v) -> assertThat(p.getProperty(k)).isEqualTo(v));
    }

    @Property(tries = 200)
    void equalSnapshotsAreEqualText(@ForAll("snapshots") Map<String, String> values) {
        assertThat(CertificateRepository.encode(new java.util.TreeMap<>(values)))
                .isEqualTo(CertificateRepository.encode(new java.util.LinkedHashMap<>(values)));
    }

    @Provide
    Arbitrary<Map<String, String>> snapshots() {
        Arbitrary<String> text = Arbitraries.strings()
                .withChars(" \t\n\r\f\\=:#!äß€Ν😀\u000B\u007F\u0001ab.").ofMaxLength(12);
        Arbitrary<String> key = Arbitraries.strings().withChars("ab. =:#!\\ä").ofMinLength(1).ofMaxLength(8);
        return Arbitraries.maps(key, text).ofMaxSize(8);
    }
}
