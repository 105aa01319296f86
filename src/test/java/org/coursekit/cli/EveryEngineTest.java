package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each run of an {@link EveryEngine} class gives every kind of test a Cli on its own engine; every CLI test class has both runs. */
@EveryEngine
class EveryEngineTest {
    @TempDir
    Path dir;

    /** Made with the test instance: in the constructor's run. */
    final boolean postgresAtConstruction = Cli.onPostgres();

    private void onlyOn(EveryEngine.Engine engine) {
        boolean postgres = engine == EveryEngine.Engine.POSTGRESQL;
        assertThat(Cli.onPostgres()).isEqualTo(postgres);
        assertThat(postgresAtConstruction).isEqualTo(postgres);
        assertThat(new Cli(dir).spec()).startsWith(postgres ? "postgresql://" : dir.toString());
        CliResult init = new Cli(dir).init().run("course", "list", "--csv").ok();
        assertThat(init.out()).startsWith("id,");
    }

    @Test
    void aTest(EveryEngine.Engine engine) {
        onlyOn(engine);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aParameterizedTest(int i, EveryEngine.Engine engine) {
        onlyOn(engine);
    }

    @TestFactory
    Stream<DynamicTest> dynamicTests(EveryEngine.Engine engine) {
        return Stream.of(DynamicTest.dynamicTest("a dynamic test", () -> onlyOn(engine)));
    }

    /** A test class of this package that runs coursekit through {@link Cli} but on SQLite only would test half of it. */
    @Test
    void everyTestClassThatUsesCliRunsOnEveryEngine() throws Exception {
        Path classes = Path.of(EveryEngineTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/coursekit/cli");
        Pattern usesCli = Pattern.compile("org/coursekit/cli/Cli(?![A-Za-z0-9_$])");
        List<String> sqliteOnly = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("[A-Za-z0-9]+Test(\\$.*)?\\.class")).sorted().toList()) {
                String name = f.getFileName().toString();
                String top = name.substring(0, name.length() - ".class".length()).replaceFirst("\\$.*", "");
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (usesCli.matcher(bytes).find()) {
                    checked.add(top);
                    if (!Class.forName("org.coursekit.cli." + top).isAnnotationPresent(EveryEngine.class)) {
                        sqliteOnly.add(top);
                    }
                }
            }
        }
        assertThat(checked).contains("BadInputTest", "CourseCliTest");
        assertThat(sqliteOnly).as("test classes that use Cli without @EveryEngine").isEmpty();
    }
}
