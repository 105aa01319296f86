package org.coursekit.domain;

import java.time.LocalDate;
import java.util.Map;

/**
 * A certificate in the register, with its current revision. {@code values} is the snapshot of
 * everything printed on it (placeholder name to text), taken when it was issued or reissued;
 * later edits of the participant or course do not change it. {@code sha256} is null while the
 * current revision's PDF has not been written yet (an interrupted batch). {@code issuedOn} is the
 * issue date printed (a reissue keeps it unless given another); {@code revisedAt} is when the
 * current revision was made (an instant), null for the first revision.
 */
public record Certificate(
        long id,
        String courseId,
        Long participantId,
        int seq,
        String serial,
        String code,
        String fullName,
        Map<String, String> values,
        LocalDate issuedOn,
        Status status,
        String revokedAt,
        String revokeReason,
        int revision,
        String file,
        String sha256,
        String revisedAt) {

    public enum Status {
        VALID, REVOKED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Certificate {
        values = Map.copyOf(values);
    }

    public boolean pending() {
        return sha256 == null;
    }
}
