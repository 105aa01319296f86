package org.coursekit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursekit.app.PrivacyService;
import org.coursekit.domain.AuditEntry;
import org.coursekit.domain.Certificate;
import org.coursekit.domain.Enrolment;
import org.coursekit.domain.Participant;
import org.coursekit.domain.Project;
import org.coursekit.domain.VerificationCode;

/** The JSON of {@code participant export-data}: field names and order are part of the output users rely on. */
final class PersonalDataJson {
    private PersonalDataJson() {
    }

    /** A person's enrolments as JSON objects, as {@code participant show --json} and export-data give them. */
    static List<Object> enrolments(List<Enrolment> list) {
        List<Object> out = new ArrayList<>();
        for (Enrolment e : list) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("courseId", e.courseId());
            em.put("status", e.status().id());
            em.put("since", e.since());
            em.put("reason", e.reason());
            out.add(em);
        }
        return out;
    }

    /** Projects as JSON objects, as {@code participant project list --json}, show and export-data give them. */
    static List<Object> projects(List<Project> list) {
        List<Object> out = new ArrayList<>();
        for (Project p : list) {
            out.add(OutputOptions.map(p, ProjectCommand.columns()));
        }
        return out;
    }

    static Map<String, Object> of(PrivacyService.PersonalData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participant", person(d.participant()));
        m.put("enrolments", enrolments(d.enrolments()));
        List<Object> attendance = new ArrayList<>();
        for (PrivacyService.AttendanceLine a : d.attendance()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("courseId", a.courseId());
            am.put("session", a.session());
            if (a.date() != null) {
                am.put("date", a.date());
            }
            am.put("status", a.status().id());
            attendance.add(am);
        }
        m.put("attendance", attendance);
        List<Object> certificates = new ArrayList<>();
        for (Certificate c : d.certificates()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("serial", c.serial());
            cm.put("code", VerificationCode.grouped(c.code()));
            cm.put("courseId", c.courseId());
            cm.put("fullName", c.fullName());
            cm.put("issuedAt", c.issuedOn());
            cm.put("revision", c.revision());
            cm.put("status", c.status().id());
            cm.put("printed", c.values());
            certificates.add(cm);
        }
        m.put("certificates", certificates);
        m.put("projects", projects(d.projects()));
        List<Object> audit = new ArrayList<>();
        for (AuditEntry a : d.auditTrail()) {
            audit.add(audit(a));
        }
        m.put("auditTrail", audit);
        return m;
    }

    private static Map<String, Object> person(Participant p) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", p.id());
        person.put("firstName", p.firstName());
        person.put("lastName", p.lastName());
        person.put("email", p.email());
        person.put("phone", p.phone());
        person.put("form", p.form() == null ? null : p.form().code());
        person.put("birthDate", p.birthDate());
        person.put("note", p.note());
        return person;
    }

    private static Map<String, Object> audit(AuditEntry a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", a.at());
        m.put("user", a.user());
        m.put("courseId", a.courseId());
        m.put("action", a.action());
        m.put("subject", a.subject());
        m.put("detail", a.detail());
        return m;
    }
}
