package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.LawDocuments;
import dev.slaw.law.Catalogue;
import dev.slaw.law.Law;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code slaw laws [NAME]}: the catalogue, or one law in full. */
@Command(name = "laws", mixinStandardHelpOptions = true,
        description = "List the built-in laws, or show one: formula, parameters, bounds, start grid, citation.")
public final class LawsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A law to show in full.")
    String name;

    @Mixin
    JsonOutput output = new JsonOutput();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Catalogue catalogue = Catalogue.builtIn();
        if (name == null) {
            out.print(output.json ? LawDocuments.json(catalogue) + "\n" : LawDocuments.text(catalogue));
            return 0;
        }
        Law law = catalogue.find(name).orElseThrow(() -> new BadInputException("unknown law '" + name + "' (known: "
                + String.join(", ", catalogue.names()) + ")"));
        out.print(output.json ? LawDocuments.json(law) + "\n" : LawDocuments.text(law));
        return 0;
    }
}
