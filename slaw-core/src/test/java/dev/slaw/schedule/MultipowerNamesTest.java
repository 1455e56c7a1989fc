package dev.slaw.schedule;

import dev.slaw.data.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedules rebuilt from the names of the multi-power law's loss-curve files reproduce the
 * learning rates logged in those files (Luo et al. 2025; data in {@code examples/multipower}).
 */
class MultipowerNamesTest {
    private static final Path DATA = Path.of("..", "examples", "multipower");

    @ParameterizedTest
    @ValueSource(strings = {"cosine_24000", "cosine_72000", "constant_24000", "constant_72000", "wsd_20000_24000",
            "wsdld_20000_24000", "wsdcon_3", "wsdcon_9", "wsdcon_18"})
    void rebuiltScheduleMatchesTheLoggedLearningRates(String name) throws IOException {
        for (String size : List.of("csv_25", "csv_100")) {
            Schedule schedule = Schedule.fromMultipowerName(name + ".csv");
            List<String> lines = Files.readAllLines(DATA.resolve(size).resolve(name + ".csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                int step = Integer.parseInt(cells[0]);
                double logged = Double.parseDouble(cells[1]);
                // Logged rates are printed by Python from the same formulas; allow a few ulps for cos and pow.
                assertThat(schedule.lrAt(step)).as("%s/%s step %d", size, name, step)
                        .isCloseTo(logged, org.assertj.core.api.Assertions.within(1e-12 * logged));
            }
        }
    }

    @Test
    void namesReadAsTheTextFormSays() {
        assertThat(Schedule.fromMultipowerName("cosine_24000"))
                .hasToString("warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)")
                .isEqualTo(Schedule.parse("warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)"));
        assertThat(Schedule.fromMultipowerName("wsdld_20000_24000"))
                .hasToString("warmup(2160)+wsd(peak=3e-4, end=3e-5, decay=20000, total=24000, shape=linear)");
        assertThat(Schedule.fromMultipowerName("wsdcon_3"))
                .hasToString("warmup(2160)+twostage(peak=3e-4, low=3.0000000000000004e-5, at=8000)");
        assertThat(Schedule.fromMultipowerName("constant_72000")).hasToString("warmup(2160)+constant(3e-4)");
    }

    @Test
    void unknownNamesAreRejected() {
        assertThatThrownBy(() -> Schedule.fromMultipowerName("step_100")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a multi-power schedule name");
        assertThatThrownBy(() -> Schedule.fromMultipowerName("cosine_x")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Schedule.fromMultipowerName("wsd_20000")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 numbers");
    }
}
