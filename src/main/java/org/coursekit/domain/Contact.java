package org.coursekit.domain;

/** Who participants write to; the sender of reminder mails. Fields may be null. */
public record Contact(String name, String email, String phone) {
    public static final Contact NONE = new Contact(null, null, null);

    public boolean isEmpty() {
        return name == null && email == null && phone == null;
    }
}
