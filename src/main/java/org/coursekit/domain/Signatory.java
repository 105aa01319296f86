package org.coursekit.domain;

/** A person who signs the certificates; {@code image} is an optional path to a signature picture. */
public record Signatory(String name, String role, String image) {
}
