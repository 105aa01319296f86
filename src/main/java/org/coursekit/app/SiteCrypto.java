package org.coursekit.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
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

    private static final java.util.concurrent.atomic.AtomicLong DERIVATIONS = new java.util.concurrent.atomic.AtomicLong();

    /** How many codes this process has run through PBKDF2 (for the tests of what publishing derives). */
    public static long derivations() {
        return DERIVATIONS.get();
    }

    /** The keys for what a user typed as a code (normalised first); null when it cannot be a code. */
    public static Keys derive(String code, byte[] salt, int iterations) {
        String normalised = VerificationCode.normalise(code);
        if (normalised == null) {
            return null;
        }
        DERIVATIONS.incrementAndGet();
        byte[] master = pbkdf2(normalised.getBytes(StandardCharsets.UTF_8), salt, iterations);
        Hmac expand = new Hmac(master);
        return new Keys(HexFormat.of().formatHex(expand.of(ID_INFO)), expand.of(KEY_INFO));
    }

    /** PBKDF2-HMAC-SHA256 (RFC 8018), its first 32-byte block: U1 = HMAC(P, S || 1), Ui = HMAC(P, Ui-1), T = U1 ^ ... ^ Uc. */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        Hmac mac = new Hmac(password);
        byte[] u = mac.of(salt, new byte[] {0, 0, 0, 1});
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
            mac.of32(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        return t;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return new Hmac(key).of(data);
    }

    /**
     * HMAC-SHA256 (RFC 2104) that hashes the key's inner and outer pad once and continues each
     * message from copies of those two SHA-256 states: two SHA-256 blocks per 32-byte message,
     * where {@code javax.crypto.Mac} hashes four (it hashes both pads again for every message).
     * PBKDF2 is nearly all such messages, so this halves the hashing (the JDK's SHA-256 uses the
     * CPU's SHA instructions either way). Not thread-safe; one per derivation.
     */
    private static final class Hmac {
        private static final MessageDigest SHA256 = sha256();
        private final MessageDigest inner;
        private final MessageDigest outer;

        Hmac(byte[] key) {
            byte[] k = key.length > 64 ? copy(SHA256).digest(key) : key;
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            for (int i = 0; i < 64; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            inner = copy(SHA256);
            inner.update(ipad);
            outer = copy(SHA256);
            outer.update(opad);
        }

        byte[] of(byte[]... parts) {
            MessageDigest d = copy(inner);
            for (byte[] p : parts) {
                d.update(p);
            }
            byte[] h = d.digest();
            d = copy(outer);
            d.update(h);
            return d.digest();
        }

        /** Replaces the 32 bytes of {@code u} with their HMAC. */
        void of32(byte[] u) {
            try {
                MessageDigest d = copy(inner);
                d.update(u, 0, 32);
                d.digest(u, 0, 32);
                d = copy(outer);
                d.update(u, 0, 32);
                d.digest(u, 0, 32);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MessageDigest copy(MessageDigest state) {
            try {
                return (MessageDigest) state.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 of this JDK cannot be copied", e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }
    }

    private static byte[] info(String label) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] b = Arrays.copyOf(l, l.length + 1);
        b[l.length] = 1;
        return b;
    }

    /** One AES-GCM cipher per thread, initialised anew for every record (looking one up costs more than a record's encryption). */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    });

    /** The record file for {@code plaintext} (exactly {@link #PLAINTEXT_SIZE} bytes), with a fresh random nonce. */
    public static byte[] seal(Keys keys, byte[] plaintext, SecureRandom random) {
        if (plaintext.length != PLAINTEXT_SIZE) {
            throw new IllegalArgumentException("record plaintext of " + plaintext.length + " bytes");
        }
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        try {
            Cipher c = GCM.get();
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
            Cipher c = GCM.get();
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
