package dev.slaw.report;

import dev.slaw.data.Dataset;
import dev.slaw.fit.Fit;
import dev.slaw.fit.FitOptions;
import dev.slaw.fit.Fitter;
import dev.slaw.fit.Starts;
import dev.slaw.io.DatasetLoader;
import dev.slaw.io.LoadedDataset;
import dev.slaw.io.Recipe;
import dev.slaw.law.Catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.slaw.uncertainty.Bootstrap;
import dev.slaw.uncertainty.BootstrapOptions;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.DerivedQuantity;
import dev.slaw.uncertainty.ProgressListener;

import java.util.List;
import java.util.Map;

/**
 * The Chinchilla fit the pictures are tested on: the Epoch re-extraction of Chinchilla's
 * Figure 4 (examples/chinchilla-epoch, Besiroglu et al. 2024), loaded as the README does, and
 * fitted from one start at Epoch's published estimate so the tests stay fast.
 */
public final class Fixtures {
    private static LoadedDataset loaded;
    private static Fit fit;
    private static BootstrapResult bootstrap;

    private Fixtures() {
    }

    /** The project's {@code examples/} file, found from wherever the tests run. */
    public static Path example(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/" + relative + " not found above " + Path.of("").toAbsolutePath());
    }

    public static synchronized LoadedDataset chinchillaData() {
        if (loaded == null) {
            Recipe recipe = Recipe.DEFAULT.withMapping("N", "Model Size")
                    .withDerivation(Recipe.Derivation.parse("D=Training FLOP / (6*N)"))
                    .withDropHighest(Recipe.DropHighest.parse("loss=5"));
            loaded = DatasetLoader.load(example("chinchilla-epoch/svg_extracted_data.csv"), recipe);
        }
        return loaded;
    }

    public static synchronized Fit chinchillaFit() {
        if (fit == null) {
            // Epoch's published Approach 3 estimate (arXiv:2404.10102, Table 2)
            Starts published = Starts.at(List.of(Map.of("E", 1.8172, "A", 482.01, "B", 2085.43, "alpha", 0.3478,
                    "beta", 0.3658)));
            Dataset d = chinchillaData().dataset();
            fit = Fitter.fit(Catalogue.builtIn().find("chinchilla").orElseThrow(), d, "loss",
                    FitOptions.defaults().withStarts(published).withThreads(1));
        }
        return fit;
    }

    /** A small seeded bootstrap of {@link #chinchillaFit()} (40 row resamples, 90% level). */
    public static synchronized BootstrapResult chinchillaBootstrap() {
        if (bootstrap == null) {
            bootstrap = Bootstrap.run(chinchillaFit(), chinchillaData().dataset(), FitOptions.defaults().withThreads(1),
                    BootstrapOptions.defaults().withReplicates(40).withSeed(7).withThreads(1).withLevel(0.9)
                            .withDerived(DerivedQuantity.chinchillaExponents(chinchillaFit().law())),
                    ProgressListener.NONE);
        }
        return bootstrap;
    }
}
