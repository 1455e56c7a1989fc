package dev.slaw.cli;

import dev.slaw.io.LoadedDataset;
import dev.slaw.io.store.FitStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class StoreCommandsTest {

    @TempDir
    Path dir;

    /** What one command printed and returned. */
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code slaw VERB ARGS...} as the command line does. */
    private static Run run(String verb, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] line = new String[args.length + 1];
        line[0] = verb;
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = Main.run(line, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Command(name = "fit")
    static final class FakeFit implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Parameters(index = "0", arity = "0..1")
        String source;

        LoadedDataset loaded;

        @Override
        public Integer call() {
            loaded = data.load(source);
            return 0;
        }
    }

    @Test
    void importListQueryFitByNameAndListFits() throws IOException {
        Path csv = dir.resolve("ladder.csv");
        Files.writeString(csv, "Model Size,Training FLOP,loss,family\n1e8,6e18,3.2,a\n2e8,2.4e19,3.0,b\n4e8,9.6e19,2.8,b\n"
                + "8e8,3.84e20,2.7,b\n");
        String db = dir.resolve("runs.duckdb").toString();

        Run imported = run("import", csv.toString(), "--name", "ladder", "--db", db,
                "--map", "N=Model Size", "--map", "C=Training FLOP", "--derive", "D = C / (6*N)");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("imported 4 rows into \"ladder\" in " + db);

        Run listed = run("runs", "--db", db);
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("ladder").contains("N, C, loss, D").contains("family");
        assertThat(run("runs", "ladder", "--db", db).out()).contains("recipe      derive D = C / (6*N)");

        Run sql = run("sql", "select count(*) as n from dataset_ladder where N >= 2e8", "--db", db, "--csv");
        assertThat(sql.out()).isEqualTo("n\n3\n");

        // a command that takes a file takes the stored name just as well
        FakeFit fit = new FakeFit();
        new CommandLine(fit).parseArgs("ladder", "--db", db, "--where", "N > 1e8", "--drop-highest", "loss=1");
        assertThat(fit.call()).isZero();
        assertThat(fit.loaded.dataset().column("N")).containsExactly(4e8, 8e8);
        assertThat(fit.data.datasetName(fit.source)).isEqualTo("ladder");

        try (FitStore fits = FitStore.open(Path.of(db))) {
            fits.save("ladder", "chinchilla", fit.loaded.dataset().fingerprint(fit.loaded.dataset().columnNames()),
                    "{\"law\": \"chinchilla\"}");
        }
        Run fitList = run("fits", "--db", db);
        assertThat(fitList.out()).contains("ladder").contains("chinchilla");
        assertThat(run("fits", "--db", db, "--show", "1").out()).isEqualTo("{\"law\": \"chinchilla\"}\n");
    }

    @Test
    void theRealFitCommandFitsAStoredDatasetByNameAndTheFitIsListed() throws IOException {
        String db = dir.resolve("runs.duckdb").toString();
        Path epoch = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv");
        Run imported = run("import", epoch.toString(), "--name", "epoch", "--db", db,
                "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)", "--drop-highest", "loss=5");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 240 rows");

        Run fit = run("fit", "epoch", "--db", db, "--law", "chinchilla", "--target", "loss", "--json");
        assertThat(fit.exit()).as(fit.err()).isZero();
        try (FitStore fits = FitStore.open(Path.of(db))) {
            fits.save("epoch", "chinchilla", "fingerprint-of-the-240-rows", fit.out().strip());
        }
        Run listed = run("fits", "--db", db, "--dataset", "epoch");
        assertThat(listed.out()).contains("epoch").contains("chinchilla").contains("fingerprint-");
        assertThat(run("fits", "--db", db, "--show", "1").out().strip()).isEqualTo(fit.out().strip());
    }

    @Test
    void badInputPrintsOneLineAndExitsWithTwo() throws IOException {
        String db = dir.resolve("runs.duckdb").toString();
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "N,loss\n1,3\n2,12 parrots\n");
        Run bad = run("import", csv.toString(), "--name", "bad", "--db", db, "--map", "L=loss");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("slaw import: " + csv + ": row 3, column \"loss\": \"12 parrots\" is not a number\n");
        assertThat(bad.out()).isEmpty();

        Run noStore = run("runs", "--db", dir.resolve("none.duckdb").toString());
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).contains("no run store here");

        run("import", dir.resolve("bad.csv").toString(), "--name", "ok", "--db", db);
        Run badSql = run("sql", "select nope from dataset_ok", "--db", db);
        assertThat(badSql.exit()).isEqualTo(2);
        assertThat(badSql.err()).startsWith("slaw sql: the statement failed: ").doesNotContain("\n\t at");
        assertThat(badSql.err().lines().count()).isEqualTo(1);

        Run missingName = run("import", csv.toString(), "--db", db);
        assertThat(missingName.exit()).isEqualTo(2);
    }
}
