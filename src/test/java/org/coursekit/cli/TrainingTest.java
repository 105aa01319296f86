package org.coursekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data archive holds what the training run loads: its commands must do their real work. */
class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyStepEndsAsExpected() throws Exception {
        for (Training.Step step : Training.steps(dir)) {
            assertThat(Training.run(step.args())).as(String.join(" ", step.args())).isEqualTo(step.exit());
        }
        assertThat(dir.resolve("certs")).isNotEmptyDirectory();     // the PDF classes were loaded too
    }

    @Test
    void everyLightStepEndsAsExpected() throws Exception {
        for (Training.Step step : Training.lightSteps(dir)) {
            assertThat(Training.run(step.args())).as(String.join(" ", step.args())).isEqualTo(step.exit());
        }
    }

    @Test
    void everyReadStepEndsAsExpectedOnThePreparedDatabase() throws Exception {
        for (Training.Step step : Training.preparationSteps(dir)) {
            assertThat(Training.run(step.args())).as(String.join(" ", step.args())).isEqualTo(step.exit());
        }
        List<Training.Step> reads = new java.util.ArrayList<>(Training.listSteps(dir));
        reads.addAll(Training.readSteps(dir));
        for (Training.Step step : reads) {
            assertThat(Training.run(step.args())).as(String.join(" ", step.args())).isEqualTo(step.exit());
            assertThat(step.args()).as("only reading").doesNotContain("add", "import", "record", "create", "init");
        }
    }

    @Test
    void everyMediumStepEndsAsExpected() throws Exception {
        for (Training.Step step : Training.mediumSteps(dir)) {
            assertThat(Training.run(step.args())).as(String.join(" ", step.args())).isEqualTo(step.exit());
        }
    }
}
