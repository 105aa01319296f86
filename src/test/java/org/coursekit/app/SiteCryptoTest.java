package org.coursekit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The verification site's derivation and encryption against the shared test vectors
 * ({@code src/test/resources/org/coursekit/site/vectors.json}, computed with Python's hashlib and
 * cryptography; the browser test holds the page's script to the same vectors). It derives keys,
 * so it waits while PublishCliTest counts the derivations of this JVM.
 */
@ResourceLock(value = "org.coursekit.app.SiteCrypto.derivations", mode = ResourceAccessMode.READ)
class SiteCryptoTest {
    static JsonNode vectors() throws Exception {
        try (InputStream in = SiteCryptoTest.class.getResourceAsStream("/org/coursekit/site/vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void derivationMatchesTheSharedTestVectors() throws Exception {
        JsonNode all = vectors();
        assertThat(all.get("plaintextSize").asInt()).isEqualTo(SiteCrypto.PLAINTEXT_SIZE);
        assertThat(all.get("vectors")).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode v : all.get("vectors")) {
            SiteCrypto.Keys k = SiteCrypto.derive(v.get("code").asText(), Base64.getDecoder().decode(v.get("salt").asText()),
                    v.get("iterations").asInt());
            assertThat(k.id()).as(v.get("code").asText()).isEqualTo(v.get("id").asText());
            assertThat(HexFormat.of().formatHex(k.key())).isEqualTo(v.get("key").asText());
            byte[] file = Base64.getDecoder().decode(v.get("file").asText());
            assertThat(file).hasSize(SiteCrypto.FILE_SIZE);
            byte[] plain = SiteCrypto.open(k, file);
            assertThat(plain).isNotNull().hasSize(SiteCrypto.PLAINTEXT_SIZE);
            assertThat(new String(plain, StandardCharsets.UTF_8).stripTrailing()).isEqualTo(v.get("plaintext").asText());
        }
    }

    @Test
    void pbkdf2IsTheJdksPbkdf2WithHmacSha256() throws Exception {
        byte[] salt = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);
        for (String password : new String[] {"7KQ2M9XD4TRA", "a password longer than one SHA-256 block, which HMAC hashes first: 0123456789"}) {
            for (int iterations : new int[] {1, 2, 1000, SitePublisher.ITERATIONS}) {
                byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
                assertThat(SiteCrypto.pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations)).isEqualTo(jdk);
            }
        }
    }

    @Test
    void hmacIsTheJdksHmacSha256ForKeysAndMessagesOfEveryBlockBoundary() throws Exception {
        for (int keyLength : new int[] {1, 12, 32, 63, 64, 65, 200}) {
            for (int length : new int[] {0, 1, 32, 55, 56, 63, 64, 65, 200}) {
                byte[] key = new byte[keyLength];
                byte[] data = new byte[length];
                for (int i = 0; i < key.length; i++) {
                    key[i] = (byte) (i * 7 + 1);
                }
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) (i * 13 + 5);
                }
                javax.crypto.Mac jdk = javax.crypto.Mac.getInstance("HmacSHA256");
                jdk.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                assertThat(SiteCrypto.hmac(key, data)).as("key %d, message %d bytes", keyLength, length)
                        .isEqualTo(jdk.doFinal(data));
            }
        }
    }

    @Test
    void codesAreNormalisedAsCertifyVerifyReadsThem() {
        byte[] salt = new byte[16];
        SiteCrypto.Keys k = SiteCrypto.derive("7KQ2-M9XD-4TRA", salt, 10);
        assertThat(SiteCrypto.derive("7kq2 m9xd 4tra", salt, 10).id()).isEqualTo(k.id());
        assertThat(SiteCrypto.derive("0I1L-0000-0000", salt, 10).id()).isEqualTo(SiteCrypto.derive("o111-oooo-oooo", salt, 10).id());
        assertThat(SiteCrypto.derive("7KQ2-M9XD-4TR", salt, 10)).isNull();
        assertThat(SiteCrypto.derive("7KQ2-M9XD-4TRU", salt, 10)).isNull();   // U is not in Crockford's alphabet
    }

    @Test
    void aSealedRecordOpensOnlyWithItsKeyUnderItsNameAndUnchanged() {
        byte[] salt = new byte[16];
        SiteCrypto.Keys k = SiteCrypto.derive("7KQ2-M9XD-4TRA", salt, 10);
        SiteCrypto.Keys other = SiteCrypto.derive("7KQ2-M9XD-4TRB", salt, 10);
        byte[] plain = new byte[SiteCrypto.PLAINTEXT_SIZE];
        Arrays.fill(plain, (byte) ' ');
        byte[] file = SiteCrypto.seal(k, plain, new SecureRandom());
        byte[] again = SiteCrypto.seal(k, plain, new SecureRandom());
        assertThat(file).hasSize(SiteCrypto.FILE_SIZE).isNotEqualTo(again);   // a new nonce every time
        assertThat(SiteCrypto.open(k, file)).isEqualTo(plain);
        assertThat(SiteCrypto.open(other, file)).isNull();
        assertThat(SiteCrypto.open(new SiteCrypto.Keys(other.id(), k.key()), file)).isNull();   // moved to another name
        byte[] flipped = file.clone();
        flipped[100] ^= 1;
        assertThat(SiteCrypto.open(k, flipped)).isNull();
        assertThat(SiteCrypto.open(k, Arrays.copyOf(file, file.length - 1))).isNull();
    }
}
