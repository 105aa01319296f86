package org.coursekit.domain;

import java.time.LocalDate;

/** A person; {@code id} is 0 before it is stored. Optional fields are null when not given. */
public record Participant(
        long id,
        String firstName,
        String lastName,
        String email,
        String phone,
        Form form,
        LocalDate birthDate,
        String note) {

    public Participant withId(long newId) {
        return new Participant(newId, firstName, lastName, email, phone, form, birthDate, note);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }
}
