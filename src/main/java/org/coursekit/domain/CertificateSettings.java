package org.coursekit.domain;

import java.util.List;
import java.util.Map;

/**
 * How a course's certificates look and are numbered. Every field may be null (defaults apply
 * when certificates are issued), lists are never null.
 */
public record CertificateSettings(
        String title,
        Map<Form, String> roleTitle,
        String serialPrefix,
        List<Signatory> signatories,
        String footer,
        String verifyUrl,
        String template) {

    public static final CertificateSettings NONE =
            new CertificateSettings(null, Map.of(), null, List.of(), null, null, null);

    public CertificateSettings {
        roleTitle = roleTitle == null ? Map.of() : Map.copyOf(roleTitle);
        signatories = signatories == null ? List.of() : List.copyOf(signatories);
    }

    /**
     * A serial prefix goes into every certificate's file name: 1 to 40 letters, digits (of any
     * script) or {@code -}, so that no path can hide in it.
     */
    public static boolean isValidSerialPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > 40) {
            return false;
        }
        for (int i = 0; i < prefix.length(); ) {
            int cp = prefix.codePointAt(i);
            if (!Character.isLetterOrDigit(cp) && cp != '-') {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    public boolean isEmpty() {
        return title == null && roleTitle.isEmpty() && serialPrefix == null && signatories.isEmpty()
                && footer == null && verifyUrl == null && template == null;
    }
}
