package dev.slaw.cli;

import dev.slaw.fit.FitDifference;
import dev.slaw.io.document.FitDifferenceDocuments;
import dev.slaw.io.fit.FitJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code slaw fits diff A.json B.json}: what differs between two saved fits (law, data
 * fingerprint, every choice, versions, fitted values), as a table of name, A and B. A
 * reproduction check: exits 0 whether or not they differ.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what differs between two saved fits: law, data, every choice, versions, values.")
final class FitsDiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "A fit saved with --out.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Another fit saved with --out.")
    Path second;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() {
        List<FitDifference> differences = FitDifference.between(FitJson.load(first), FitJson.load(second));
        String a = first.toString();
        String b = second.toString();
        output.print(() -> FitDifferenceDocuments.json(a, b, differences),
                () -> FitDifferenceDocuments.text(a, b, differences));
        return 0;
    }
}
