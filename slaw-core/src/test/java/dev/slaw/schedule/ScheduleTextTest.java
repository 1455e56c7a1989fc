package dev.slaw.schedule;

import dev.slaw.data.BadInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTextTest {

    @Test
    void readsNamedAndPositionalArguments() {
        assertThat(Schedule.parse("cosine(3e-4, 3e-5, 24000)")).isEqualTo(Schedule.cosine(3e-4, 3e-5, 24000));
        assertThat(Schedule.parse(" warmup( 2160 ) + cosine( peak = 3E-4 , total = 24000 ) "))
                .isEqualTo(Schedule.warmup(2160, Schedule.cosine(3e-4, 0, 24000)));
        assertThat(Schedule.parse("warmup(500, constant)+constant(2e-4)"))
                .isEqualTo(WarmupSchedule.of(500, WarmupSchedule.Shape.CONSTANT, new ConstantSchedule(2e-4)));
        assertThat(Schedule.parse("values(1, 2.5e-1, 3)")).isEqualTo(PerStepSchedule.of(1, 0.25, 3));
        assertThat(Schedule.parse("invsqrt(peak=1e-3, timescale=4000)")).isEqualTo(new InverseSqrtSchedule(1e-3, 4000, 0));
    }

    @Test
    void decayAfterWarmupStartsWhereTheWarmupEnds() {
        CosineSchedule body = (CosineSchedule) ((WarmupSchedule) Schedule.parse(
                "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)")).body();
        assertThat(body.start()).isEqualTo(2160);
        Schedule explicit = Schedule.parse("warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000, start=3000)");
        assertThat(explicit).hasToString("warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000, start=3000)");
    }

    @Test
    void filesAreReadThroughTheGivenReader() {
        Schedule s = Schedule.parse("file(\"runs/lr \\\"a\\\".txt\")", Map.of("runs/lr \"a\".txt", new double[] {1, 2})::get);
        assertThat(s).isEqualTo(new PerStepSchedule("runs/lr \"a\".txt", new double[] {1, 2}));
        assertThat(Schedule.parse(s.toString(), name -> new double[] {1, 2})).isEqualTo(s);
        assertThatThrownBy(() -> Schedule.parse("file(\"x\")")).hasMessageContaining("needs a file reader");
    }

    @Test
    void errorsNameThePosition() {
        assertError("cosine(peak=3e-4, end=3e-5, total=24000", "position 40: expected ')' but the text ended");
        assertError("cosin(peak=3e-4)", "position 1: unknown schedule kind 'cosin'");
        assertError("cosine(peak=3e-4, ende=3e-5, total=24000)", "position 19: cosine has no argument 'ende'");
        assertError("cosine(peak=3e-4, end=3e-5)", "position 1: missing argument 'total'");
        assertError("cosine(peak=abc, total=10)", "position 8: peak must be a number, got abc");
        assertError("cosine(peak=3e-4, total=10.5)", "position 19: total must be a whole number of steps");
        assertError("warmup(2160)", "position 1: warmup(...) must be followed by '+'");
        assertError("constant(1)+constant(2)", "position 12: only a warmup can be followed by '+'");
        assertError("warmup(10)+cosine(peak=1, total=5)", "position 12: total (5) must be after start (10)");
        assertError("constant(1, 2)", "position 13: constant takes at most 1 arguments");
        assertError("constant(lr=1, 2)", "position 16: positional argument after a named one");
        assertError("constant(1e-3e)", "position 10: '1e-3e' is not a number");
        assertError("wsd(peak=1, end=0.1, decay=5, total=10, shape=cubic)", "wsd shape must be exp or linear");
        assertError("", "empty schedule");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> Schedule.parse(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message).message().doesNotContain("\n");
    }

    @Property(tries = 500)
    void printedFormReadsBackAsTheSameSchedule(@ForAll("schedules") Schedule schedule) {
        String text = schedule.toString();
        assertThat(Schedule.parse(text)).as(text).isEqualTo(schedule);
        assertThat(Schedule.parse(text)).hasToString(text);
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        Arbitrary<Schedule> body = Arbitraries.oneOf(constants(), cosines(), linears(), wsds(), twoStages(),
                inverseSqrts(), perSteps());
        Arbitrary<Schedule> warmed = Combinators.combine(Arbitraries.integers().between(1, 5000),
                        Arbitraries.of(WarmupSchedule.Shape.class), body)
                .as((steps, shape, b) -> b.totalSteps().isPresent() && b.totalSteps().getAsInt() <= steps
                        ? b : WarmupSchedule.of(steps, shape, b));
        return Arbitraries.oneOf(body, warmed);
    }

    private static Arbitrary<Double> rates() {
        // Products of decimals give doubles with long binary expansions, which test the printer.
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1).ofScale(17).map(x -> x * x * 1e-2),
                Arbitraries.of(0.0, 3e-4, 9.000000000000001e-5, 1.0, 1e-7));
    }

    private static Arbitrary<Schedule> constants() {
        return rates().map(ConstantSchedule::new);
    }

    private static Arbitrary<Schedule> cosines() {
        return Combinators.combine(rates(), rates(), Arbitraries.integers().between(0, 50000),
                Arbitraries.integers().between(1, 50000)).as((p, e, start, len) -> new CosineSchedule(p, e, start + len, start));
    }

    private static Arbitrary<Schedule> linears() {
        return Combinators.combine(rates(), rates(), Arbitraries.integers().between(0, 50000),
                Arbitraries.integers().between(1, 50000)).as((p, e, start, len) -> new LinearDecaySchedule(p, e, start + len, start));
    }

    private static Arbitrary<Schedule> wsds() {
        return Combinators.combine(rates().filter(r -> r > 0), rates().filter(r -> r > 0),
                Arbitraries.integers().between(0, 50000), Arbitraries.integers().between(1, 50000),
                Arbitraries.of(WarmupStableDecaySchedule.Decay.class))
                .as((p, e, decay, len, shape) -> new WarmupStableDecaySchedule(p, e, decay, decay + len, shape));
    }

    private static Arbitrary<Schedule> twoStages() {
        return Combinators.combine(rates(), rates(), Arbitraries.integers().between(0, 50000)).as(TwoStageSchedule::new);
    }

    private static Arbitrary<Schedule> inverseSqrts() {
        return Combinators.combine(rates(), Arbitraries.doubles().between(1e-3, 1e5).ofScale(6), Arbitraries.integers().between(0, 50000))
                .as(InverseSqrtSchedule::new);
    }

    private static Arbitrary<Schedule> perSteps() {
        return rates().array(double[].class).ofMinSize(1).ofMaxSize(8).map(PerStepSchedule::of);
    }
}
