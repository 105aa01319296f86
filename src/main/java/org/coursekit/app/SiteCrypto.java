package org.coursekit.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.coursekit.domain.VerificationCode;

/**
 * The derivation and encryption of the static verification site ({@code certify publish}),
 * the same as the page's script does with Web Crypto:
 * <pre>
 *   code   = the verification code, normalised as certify verify reads it (12 characters, no dashes), UTF-8
 *   master = PBKDF2-HMAC-SHA256(code, site salt, iterations, 32 bytes)
 *   id     = HMAC-SHA256(master, "coursekit-site record id" || 0x01)    (HKDF-Expand, one block)
 *   key    = HMAC-SHA256(master, "coursekit-site record key" || 0x01)
 *   file   = records/hex(id).bin = nonce (12 random bytes) || AES-256-GCM(key, nonce, padded JSON, aad = hex(id))
 * </pre>
 * One PBKDF2 block, then HKDF-Expand into the file name and the key: a 64-byte PBKDF2 output
 * would cost the publisher and the page twice the iterations, while a guesser needs only the
 * first block to test a guess against the file names.
 */
public final class SiteCrypto {
    /** Every record's plaintext is padded (with spaces after the JSON) to this many bytes. */
    public static final int PLAINTEXT_SIZE = 4068;   // a record file of 4,096 bytes: one block of most file systems
    public static final int NONCE_SIZE = 12;
    public static final int TAG_SIZE = 16;
    /** The size of every record file. */
    public static final int FILE_SIZE = NONCE_SIZE + PLAINTEXT_SIZE + TAG_SIZE;
    public static final int SALT_SIZE = 16;
    private static final byte[] ID_INFO = info("coursekit-site record id");
    private static final byte[] KEY_INFO = info("coursekit-site record key");

    private SiteCrypto() {
    }

    /** A record's file name stem (64 hex digits) and its AES-256-GCM key. */
    public record Keys(String id, byte[] key) {
    }

    /** The keys for what a user typed as a code (normalised first); null when it cannot be a code. */
    public static Keys derive(String code, byte[] salt, int iterations) {
        String normalised = VerificationCode.normalise(code);
        if (normalised == null) {
            return null;
        }
        byte[] master = pbkdf2(normalised.getBytes(StandardCharsets.UTF_8), salt, iterations);
        return new Keys(HexFormat.of().formatHex(hmac(master, ID_INFO)), hmac(master, KEY_INFO));
    }

    /** PBKDF2-HMAC-SHA256 (RFC 8018), its first 32-byte block: U1 = HMAC(P, S || 1), Ui = HMAC(P, Ui-1), T = U1 ^ ... ^ Uc. */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] info(String label) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] b = Arrays.copyOf(l, l.length + 1);
        b[l.length] = 1;
        return b;
    }

    /** The record file for {@code plaintext} (exactly {@link #PLAINTEXT_SIZE} bytes), with a fresh random nonce. */
    public static byte[] seal(Keys keys, byte[] plaintext, SecureRandom random) {
        if (plaintext.length != PLAINTEXT_SIZE) {
            throw new IllegalArgumentException("record plaintext of " + plaintext.length + " bytes");
        }
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
            c.updateAAD(keys.id().getBytes(StandardCharsets.US_ASCII));
            byte[] file = Arrays.copyOf(nonce, FILE_SIZE);
            c.doFinal(plaintext, 0, plaintext.length, file, NONCE_SIZE);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    }

    /** The plaintext of a record file, or null when it is not one sealed with these keys (or damaged). */
    public static byte[] open(Keys keys, byte[] file) {
        if (file.length != FILE_SIZE) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(TAG_SIZE * 8, file, 0, NONCE_SIZE));
            c.updateAAD(keys.id().getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(file, NONCE_SIZE, file.length - NONCE_SIZE);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    }
}
