package org.coursekit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import org.coursekit.domain.Msg;
import org.coursekit.domain.Values;

/**
 * Walks a JSON tree read from a file and collects every problem with the field's path
 * ({@code FILE: sessions[3].date: ...}), returning null for bad values so the walk can go on.
 */
class JsonChecker {
    final Path file;
    final List<Msg> problems = new ArrayList<>();
    /** Whether texts may contain line breaks (templates) or not (names, titles). */
    boolean multiline;

    JsonChecker(Path file) {
        this.file = file;
    }

    void problem(String key, Object... args) {
        problems.add(Msg.of("at.file", file, Msg.of(key, args)));
    }

    void unknown(JsonNode obj, Set<String> known, String prefix) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problem("json.unknown", prefix + name, String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    String string(JsonNode obj, String name, String where, boolean required) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problem("json.required", where);
            }
            return null;
        }
        return text(v, where, required);
    }

    String text(JsonNode v, String where, boolean required) {
        if (!v.isTextual()) {
            problem("json.type", where, Msg.of("json.type.string"), kind(v));
            return null;
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            if (required) {
                problem("field.blank", where);
            }
            return null;
        }
        String bad = Values.textProblem(s, multiline);
        if (bad != null) {
            problem(bad, where, s);
            return null;
        }
        return s;
    }

    Boolean bool(JsonNode obj, String name, String where) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            problem("json.type", where, Msg.of("json.type.boolean"), kind(v));
            return null;
        }
        return v.asBoolean();
    }

    JsonNode object(JsonNode obj, String name, String where) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            problem("json.type", where, Msg.of("json.type.object"), kind(v));
            return null;
        }
        return v;
    }

    JsonNode array(JsonNode obj, String name, String where) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            problem("json.type", where, Msg.of("json.type.array"), kind(v));
            return null;
        }
        return v;
    }

    static Msg kind(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return Msg.of("json.type." + switch (t) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> "null";
        });
    }

    String resolve(String path) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path);
        Path folder = file.toAbsolutePath().getParent();
        return p.isAbsolute() || folder == null ? path : folder.resolve(p).normalize().toString();
    }
}
