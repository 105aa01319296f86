package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.INegatableOptionTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one change the build makes to picocli's published source (pom.xml, {@code picocli-patch}):
 * every command starts with one shared default transformer of negatable options instead of making
 * its own (four regular expressions compiled for each command, mixin and group of a command line).
 */
class PicocliPatchTest {
    @Test
    void commandsShareTheDefaultTransformerWhichTransformsAsAFreshOneDoes() {
        CommandSpec a = CommandSpec.create();
        CommandSpec b = CommandSpec.create();
        assertThat(a.negatableOptionTransformer()).as("patched: one shared instance").isSameAs(b.negatableOptionTransformer());
        INegatableOptionTransformer fresh = CommandLine.RegexTransformer.createDefault();
        for (String name : List.of("--verbose", "--no-verbose", "--dry-run", "-XX:+Inline", "-XX:-Inline", "-v", "--x")) {
            assertThat(a.negatableOptionTransformer().makeNegative(name, a)).as(name).isEqualTo(fresh.makeNegative(name, a));
            assertThat(a.negatableOptionTransformer().makeSynopsis(name, a)).as(name).isEqualTo(fresh.makeSynopsis(name, a));
        }
    }

    @Test
    void aCommandThatSetsItsOwnChangesNoOther() {
        CommandSpec a = CommandSpec.create();
        CommandSpec b = CommandSpec.create();
        INegatableOptionTransformer shared = b.negatableOptionTransformer();
        a.negatableOptionTransformer(CommandLine.RegexTransformer.createCaseInsensitive());
        assertThat(b.negatableOptionTransformer()).isSameAs(shared);
        assertThat(CommandSpec.create().negatableOptionTransformer()).isSameAs(shared);
        assertThat(a.negatableOptionTransformer().makeNegative("--Verbose", a)).isEqualTo("--no-Verbose");
    }
}
