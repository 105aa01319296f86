package org.coursekit.app;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.domain.Course;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Placeholder;
import org.coursekit.domain.Session;
import org.coursekit.domain.Signatory;
import org.coursekit.i18n.Documents;
import org.coursekit.render.CertificateRenderer;

/**
 * The snapshot of a certificate: every text printed on it, keyed by placeholder name. The values
 * come from {@link Placeholder} (the one list); beside them the signatories' names, roles and
 * images and the QR code's content, which the renderer places but templates do not name.
 */
final class CertificateValues {
    private CertificateValues() {
    }

    /** The batch's facts, from which {@link #courseValues} and {@link #values} are computed. */
    static Placeholder.Facts facts(Course course, List<Session> sessions, LocalDate date, String place, Documents text) {
        return Placeholder.Facts.ofBatch(course, sessions, date, place, text);
    }

    /** What every certificate of a batch shows alike (computed once per batch); see {@link #values}. */
    static Map<String, String> courseValues(Placeholder.Facts batch) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Placeholder p : Placeholder.values()) {
            if (p.scope() == Placeholder.Scope.COURSE) {
                v.put(p.key(), p.value(batch));
            }
        }
        int i = 1;
        for (Signatory s : batch.course().certificate().signatories()) {
            v.put("signatory." + i + ".name", s.name());
            v.put("signatory." + i + ".role", s.role() == null ? "" : s.role());
            if (s.image() != null) {
                v.put("signatory." + i + ".image", s.image());
            }
            i++;
        }
        return v;
    }

    /** The snapshot, every text printed on one certificate: the batch's ({@link #courseValues}) and the person's. */
    static Map<String, String> values(Map<String, String> courseValues, Placeholder.Facts batch, AttendanceService.Row row,
                                      Participant p, String serial, String code) {
        Placeholder.Facts person = batch.of(p, row.eligibility(), serial, code);
        Map<String, String> v = new LinkedHashMap<>(courseValues);
        for (Placeholder ph : Placeholder.values()) {
            if (ph.scope() == Placeholder.Scope.PERSON) {
                v.put(ph.key(), ph.value(person));
            }
        }
        String url = person.verifyUrl();
        v.put(CertificateRenderer.QR, url.isEmpty() ? person.groupedCode() : url);
        return v;
    }

    /** The town of the course's location ("…, 71254 Ditzingen" gives "Ditzingen"). */
    static String defaultPlace(Course c) {
        if (c.location() == null) {
            return "";
        }
        String[] parts = c.location().split(",");
        String last = parts[parts.length - 1].strip();
        return last.replaceFirst("^\\d{4,5}\\s+", "");
    }
}
