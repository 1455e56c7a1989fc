package dev.slaw.curve;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.Holdout;
import dev.slaw.uncertainty.ParameterSummary;
import dev.slaw.uncertainty.ProgressListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A curve law is a law: the bootstrap and held-out validation of the scaling-law fits work on
 * it unchanged (the LR-annealing example's two curves, one parameter set).
 */
class CurveUncertaintyTest {
    private static final FitOptions OPTIONS = CurveProtocol.CONVERGED.options(FitOptions.defaults().withThreads(2));
    private static final BootstrapOptions BOOTSTRAP = BootstrapOptions.defaults().withReplicates(40).withThreads(2)
            .withSeed(7);

    @Test
    void bootstrapOfACurveFitGivesIntervalsAroundThePointEstimate() throws IOException {
        Dataset rows = LrAnnealingGoldenTest.rows();
        Fit fit = CurveProtocol.CONVERGED.fit(LrAnnealingLaw.of(LrAnnealingGoldenTest.SCHEDULES), rows, CurveLaw.LOSS,
                0, FitOptions.defaults());
        BootstrapResult boot = Bootstrap.run(fit, rows, OPTIONS, BOOTSTRAP, ProgressListener.NONE);
        assertThat(boot.successful()).isEqualTo(40);
        for (ParameterSummary p : boot.parameters()) {
            assertThat(p.withheld()).as(p.name()).isNullOrEmpty();
            assertThat(p.interval().lower()).as(p.name()).isLessThan(p.interval().upper());
            assertThat(p.standardError()).as(p.name()).isPositive();
        }
    }

    @Test
    void validationPredictsTheHeldOutEndOfBothCurves() throws IOException {
        Dataset rows = LrAnnealingGoldenTest.rows();
        HeldOutValidation v = HeldOutValidation.run(LrAnnealingLaw.of(LrAnnealingGoldenTest.SCHEDULES), rows,
                CurveLaw.LOSS, Holdout.where("step >= 16000"), OPTIONS, BOOTSTRAP.withReplicates(20),
                ProgressListener.NONE);
        assertThat(v.rows()).isNotEmpty();
        assertThat(v.meanRelativeError()).isLessThan(0.01);
    }
}
