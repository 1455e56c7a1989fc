import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.Recipe;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import dev.slaw.planning.Allocation;
import dev.slaw.planning.ComputeOptimal;
import dev.slaw.planning.Intervals;
import dev.slaw.planning.LossSurface;
import dev.slaw.planning.PlanIntervals;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.IntervalPrediction;
import dev.slaw.uncertainty.ProgressListener;

import java.nio.file.Path;
import java.util.Map;

public class FitFromJava {
    public static void main(String[] args) {
        // 1. Load a table: the recipe maps and derives columns as --map, --derive and --drop-highest do
        Recipe recipe = Recipe.DEFAULT
                .withMapping("N", "Model Size")
                .withDerivation(Recipe.Derivation.parse("D=Training FLOP / (6*N)"))
                .withDropHighest(Recipe.DropHighest.parse("loss=5"));
        Dataset data = DatasetLoader.load(Path.of("examples/chinchilla-epoch/svg_extracted_data.csv"), recipe)
                .dataset();

        // 2. Fit a law from the catalogue (or Catalogue.parse for a formula of your own)
        Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
        FitOptions options = FitOptions.defaults();
        Fit fit = Fitter.fit(law, data, "loss", options);
        System.out.printf("E = %.4f, alpha = %.4f, beta = %.4f%n",
                fit.value("E"), fit.value("alpha"), fit.value("beta"));

        // 3. Bootstrap it: refit on resampled rows
        BootstrapResult boot = Bootstrap.run(fit, data, options,
                BootstrapOptions.defaults().withReplicates(200).withSeed(1), ProgressListener.NONE);

        // 4. Predict with intervals at a point the data does not reach
        IntervalPrediction p = boot.intervals(Map.of("N", 70e9, "D", 1.4e12));
        System.out.printf("loss at 70B params, 1.4T tokens: %.4f, 95%% prediction interval %.4f to %.4f%n",
                p.estimate(), p.prediction().lower(), p.prediction().upper());

        // 5. Plan a budget: the compute-optimal split of 5.88e23 FLOP, with intervals from the replicates
        LossSurface surface = LossSurface.of(fit);
        double budget = 5.88e23;
        Allocation plan = ComputeOptimal.of(surface).at(budget);
        Intervals spread = PlanIntervals.of(surface, boot.parameterSets(),
                s -> ComputeOptimal.of(s).at(budget), 0.95);
        System.out.printf("at %.3g FLOP: N = %.3g, D = %.3g (D/N %.1f, 95%% interval %.1f to %.1f)%n",
                budget, plan.parameterCount(), plan.tokenCount(), plan.tokensPerParameter(),
                spread.of("tokensPerParameter").orElseThrow().lower(),
                spread.of("tokensPerParameter").orElseThrow().upper());
    }
}
