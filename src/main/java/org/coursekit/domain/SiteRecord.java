package org.coursekit.domain;

import java.util.List;

/**
 * What the public verification site tells about one certificate to someone who has its code:
 * the content of one encrypted record file of {@code certify publish}. {@code status} is
 * {@code valid} or {@code revoked} (a code never becomes superseded: a reissue keeps serial and
 * code; a PDF of an older revision verifies as superseded against {@code revisions}).
 * {@code holder} is {@code (erased)} for an erased person. {@code shortened} says that texts were
 * cut or the oldest revisions left out to fit the fixed record size (never for realistic data).
 */
public record SiteRecord(String status, String holder, String courseTitle, String organiser, String issuedOn,
                         String serial, String revokedAt, String revokeReason, List<Revision> revisions,
                         int currentRevision, boolean shortened) {

    /** A revision's number and the SHA-256 (64 lowercase hex digits) of its PDF. */
    public record Revision(int number, String sha256) {
    }

    public SiteRecord {
        revisions = List.copyOf(revisions);
    }
}
