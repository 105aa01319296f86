package org.coursekit.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Certificate file names: letters of any script, digits and hyphens; everything else one underscore. */
class CertificateFileNameTest {
    @Test
    void namesBecomeSafeFileNameParts() {
        assertThat(CertificateService.safe("Anna-Lena  O'Brien ")).isEqualTo("Anna-Lena_O_Brien");
        assertThat(CertificateService.safe("Παπαδόπουλος")).isEqualTo("Παπαδόπουλος");
        assertThat(CertificateService.safe("Ju\u0308rgen")).isEqualTo("Jürgen");       // decomposed umlaut, composed
        assertThat(CertificateService.safe("../../etc/passwd")).isEqualTo("etc_passwd");
        assertThat(CertificateService.safe("?!")).isEqualTo("_");
        assertThat(CertificateService.safe("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Name")).isEqualTo("𝔘𝔫𝔦𝔠𝔬𝔡𝔢_Name");
        assertThat(CertificateService.safe("x".repeat(80))).hasSize(60);
    }
}
