package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A command's option fields as the index's bindings read and write them (through VarHandles typed as
 * each field, or reflection for static and final fields): every kind of field keeps what was set,
 * and gives back the value before.
 */
class CommandIndexBindingTest {
    @SuppressWarnings("unused")
    static final class Options {
        private boolean flag;
        private int count = 7;
        private long big;
        private double share;
        private float ratio;
        private short small;
        private byte tiny;
        private char letter = 'a';
        private String text = "before";
        private List<String> names;
        private final StringBuilder fixed = new StringBuilder("final");
        private static String shared = "static";
    }

    private static CommandIndex.Binding binding(Options o, String field) throws Exception {
        java.lang.reflect.Field f = Options.class.getDeclaredField(field);
        f.setAccessible(true);   // as the index does for every field it binds
        return new CommandIndex.Binding(new CommandIndex.Holder(o), f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"flag", "count", "big", "share", "ratio", "small", "tiny", "letter", "text", "names", "fixed", "shared"})
    void everyKindOfFieldKeepsWhatWasSetAndGivesBackTheValueBefore(String field) throws Exception {
        Options o = new Options();
        java.lang.reflect.Field f = Options.class.getDeclaredField(field);
        f.setAccessible(true);
        Object before = f.get(o);
        Object value = switch (field) {
            case "flag" -> true;
            case "count" -> 42;
            case "big" -> 1L << 40;
            case "share" -> 0.8;
            case "ratio" -> 2.5f;
            case "small" -> (short) 300;
            case "tiny" -> (byte) -3;
            case "letter" -> 'ü';
            case "text" -> "after";
            case "names" -> List.of("Käthe", "Jürgen");
            case "fixed" -> new StringBuilder("replaced");
            default -> "shared after";
        };
        CommandIndex.Binding b = binding(o, field);
        assertThat((Object) b.get()).isEqualTo(before);
        assertThat((Object) b.set(value)).isEqualTo(before);
        assertThat((Object) b.get()).isEqualTo(value);
        assertThat(f.get(o)).isEqualTo(value);
        if (field.equals("shared")) {
            b.set("static");
        }
    }

    @Test
    void aValueOfTheWrongTypeOrNullForAPrimitiveIsRefusedNamingTheField() throws Exception {
        Options o = new Options();
        assertThatThrownBy(() -> binding(o, "count").set("seven")).isInstanceOf(CommandLine.PicocliException.class)
                .hasMessageContaining("count").hasMessageContaining("seven");
        assertThatThrownBy(() -> binding(o, "flag").set(null)).isInstanceOf(CommandLine.PicocliException.class)
                .hasMessageContaining("flag");
        assertThatThrownBy(() -> binding(o, "text").set(12)).isInstanceOf(CommandLine.PicocliException.class)
                .hasMessageContaining("text");
        assertThat(o.count).isEqualTo(7);
        assertThat(o.flag).isFalse();
        assertThat(o.text).isEqualTo("before");
    }
}
