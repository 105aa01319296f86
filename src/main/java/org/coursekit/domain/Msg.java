package org.coursekit.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user-facing message: a key into the message bundle plus its arguments. Exceptions and
 * results carry these so that the CLI can render them in the user's language.
 */
public record Msg(String key, Object... args) {
    public Msg {
        Objects.requireNonNull(key, "key");
        args = args == null ? new Object[0] : args.clone();
    }

    public static Msg of(String key, Object... args) {
        return new Msg(key, args);
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msg m && key.equals(m.key) && Arrays.equals(args, m.args);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(args);
    }
}
