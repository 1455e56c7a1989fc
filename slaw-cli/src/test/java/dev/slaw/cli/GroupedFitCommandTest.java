package dev.slaw.cli;

import dev.slaw.fit.Fit;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.fit.FitJson;
import dev.slaw.io.fit.GroupedFitJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --group} on the (Mis)Fitting sweeps (Li et al. 2025; last checkpoint of each run): one
 * Chinchilla fit per peak learning rate, each equal to the fit of that learning rate's runs alone;
 * {@code --shared} for a joint fit; {@code predict GROUP=VALUE}.
 */
class GroupedFitCommandTest {
    private static final String SWEEPS = Path.of("..", "examples", "misfitting", "scaling_results_last_ckpt_only.csv")
            .toString();
    /** Two learning rates (65 and 84 runs); a seeded Latin hypercube keeps the test quick, the same for every fit. */
    private static final List<String> FIT = List.of("fit", SWEEPS, "--law", "chinchilla", "--starts", "lhs:128:1",
            "--threads", "2");

    @TempDir
    Path dir;

    private static FitCommandTest.Result fit(String... more) {
        List<String> args = new ArrayList<>(FIT);
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void eachGroupsFitIsTheFitOfThatGroupsRowsAloneAndThePooledFitDiffers() {
        Path grouped = dir.resolve("grouped.json");
        FitCommandTest.Result r = fit("--only", "peak_lr=0.001,0.002", "--group", "peak_lr", "--out", grouped.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("groups:           2 by peak_lr, fitted separately", "[[Parameters by group]]");
        GroupedFit g = GroupedFitJson.load(grouped);
        assertThat(g.groups()).containsExactly("0.001", "0.002");
        for (String lr : g.groups()) {
            Path alone = dir.resolve("alone-" + lr + ".json");
            FitCommandTest.Result a = fit("--only", "peak_lr=" + lr, "--out", alone.toString());
            assertThat(a.code()).as(a.err()).isZero();
            Fit single = FitJson.load(alone);
            assertThat(g.fit(lr).values()).as("peak_lr=" + lr).containsExactly(single.values());
            assertThat(g.fit(lr).provenance().fingerprint()).isEqualTo(single.provenance().fingerprint());
            assertThat(g.fit(lr).statistics().rows()).isEqualTo(single.statistics().rows());
        }
        assertThat(g.fit("0.001").statistics().rows()).isEqualTo(65);
        assertThat(g.fit("0.002").statistics().rows()).isEqualTo(84);
        Path pooled = dir.resolve("pooled.json");
        FitCommandTest.Result p = fit("--only", "peak_lr=0.001,0.002", "--out", pooled.toString());
        assertThat(p.code()).as(p.err()).isZero();
        Fit all = FitJson.load(pooled);
        assertThat(all.statistics().rows()).isEqualTo(149);
        // the learning rates reach different irreducible losses: pooling them is another law
        assertThat(g.fit("0.002").value("E") / g.fit("0.001").value("E")).isGreaterThan(1.05);
        assertThat(all.value("E")).isNotCloseTo(g.fit("0.001").value("E"), org.assertj.core.api.Assertions.within(0.01))
                .isNotCloseTo(g.fit("0.002").value("E"), org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void predictTakesTheGroupAndWithoutItNamesTheGroups() {
        Path grouped = dir.resolve("grouped.json");
        assertThat(fit("--only", "peak_lr=0.001,0.002", "--group", "peak_lr", "--out", grouped.toString()).code()).isZero();
        assertThat(fit("--only", "peak_lr=0.002", "--out", dir.resolve("alone.json").toString()).code()).isZero();
        GroupedFit g = GroupedFitJson.load(grouped);
        for (String lr : g.groups()) {
            FitCommandTest.Result p = run("predict", grouped.toString(), "peak_lr=" + lr, "N=1e9", "D=2e10", "--json");
            assertThat(p.code()).as(p.err()).isZero();
            double expected = g.fit(lr).predict(Map.of("N", 1e9, "D", 2e10));
            assertThat(p.out()).contains("\"loss\" : " + expected);
        }
        // a table with a group column: each row by its own group's fit
        Path points = dir.resolve("points.csv");
        try {
            java.nio.file.Files.writeString(points, "peak_lr,N,D\n0.001,1e9,2e10\n2e-3,1e9,2e10\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FitCommandTest.Result table = run("predict", grouped.toString(), "--at", points.toString(), "--json");
        assertThat(table.code()).as(table.err()).isZero();
        for (String lr : g.groups()) {
            assertThat(table.out()).contains("\"loss\" : " + g.fit(lr).predict(Map.of("N", 1e9, "D", 2e10)));
        }
        // a row beyond its own group's data is said, by group (the other group's row is not)
        Path far = dir.resolve("far.csv");
        try {
            java.nio.file.Files.writeString(far, "peak_lr,N,D\n0.001,1e12,2e10\n0.002,1e8,1e9\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FitCommandTest.Result beyond = run("predict", grouped.toString(), "--at", far.toString());
        assertThat(beyond.code()).as(beyond.err()).isZero();
        assertThat(beyond.out() + beyond.err()).contains("peak_lr=0.001: extrapolated: N = 1e12 is 845x the largest N fitted")
                .doesNotContain("peak_lr=0.002: extrapolated");
        // 2e-3 written another way is the same group
        FitCommandTest.Result same = run("predict", grouped.toString(), "peak_lr=2e-3", "N=1e9", "D=2e10");
        assertThat(same.out()).contains("group peak_lr=0.002");
        FitCommandTest.Result none = run("predict", grouped.toString(), "N=1e9", "D=2e10");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("name the group with peak_lr=VALUE (groups: 0.001, 0.002)");
        FitCommandTest.Result absent = run("predict", grouped.toString(), "peak_lr=0.003", "N=1e9", "D=2e10");
        assertThat(absent.code()).isEqualTo(2);
        assertThat(absent.err()).contains("no group peak_lr=0.003 in this grouped fit (groups: 0.001, 0.002)");
        // plan takes the group the same way
        FitCommandTest.Result plan = run("plan", grouped.toString(), "--compute", "1e21");
        assertThat(plan.code()).isEqualTo(2);
        assertThat(plan.err()).contains("name the group with peak_lr=VALUE (groups: 0.001, 0.002)");
        FitCommandTest.Result planOne = run("plan", grouped.toString(), "peak_lr=0.002", "--compute", "1e21", "--json");
        assertThat(planOne.code()).as(planOne.err()).isZero();
        FitCommandTest.Result planAlone = run("plan", dir.resolve("alone.json").toString(), "--compute", "1e21", "--json");
        assertThat(planAlone.out()).isEqualTo(planOne.out());
    }

    @Test
    void sharedParametersHaveOneValueAcrossGroupsAndTheOthersOnePerGroup() {
        Path shared = dir.resolve("shared.json");
        FitCommandTest.Result r = fit("--only", "peak_lr=0.001,0.002", "--group", "peak_lr", "--shared", "alpha,beta",
                "--out", shared.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fitted jointly; shared: alpha, beta", "alpha (shared)", "[[Joint fit]]",
                "rows:             149");
        GroupedFit g = GroupedFitJson.load(shared);
        assertThat(g.shared()).containsExactly("alpha", "beta");
        Fit low = g.fit("0.001");
        Fit high = g.fit("0.002");
        assertThat(low.value("alpha")).isEqualTo(high.value("alpha"));
        assertThat(low.value("beta")).isEqualTo(high.value("beta"));
        assertThat(low.value("E")).isNotEqualTo(high.value("E"));
        assertThat(low.value("B")).isNotEqualTo(high.value("B"));
        // the joint law: one alpha and beta, an E, A and B per learning rate
        assertThat(g.joint().freeParameterNames()).containsExactlyInAnyOrder("alpha", "beta", "E_0_001", "E_0_002",
                "A_0_001", "A_0_002", "B_0_001", "B_0_002");
        assertThat(low.statistics().rows() + high.statistics().rows()).isEqualTo(g.joint().statistics().rows());
        // a group's fit predicts with the shared exponents and its own E, A, B
        double n = 1e9;
        double d = 2e10;
        assertThat(high.predict(Map.of("N", n, "D", d))).isCloseTo(high.value("E") + high.value("A")
                / Math.pow(n, high.value("alpha")) + high.value("B") / Math.pow(d, high.value("beta")),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aGroupWithTooFewRowsIsBadInputNamingTheGroupAndCounts() {
        FitCommandTest.Result r = fit("--group", "sweep");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("group sweep=2024_11_11-17_46_29_sweep_test has 3 rows, but law chinchilla needs at "
                + "least 5 per group (5 free parameters)");
        FitCommandTest.Result noGroup = fit("--shared", "E");
        assertThat(noGroup.code()).isEqualTo(2);
        assertThat(noGroup.err()).contains("--shared E shares parameters across groups: name the group column with --group");
    }
    @Test
    void validateScoresEachGroupsHeldOutRowsAgainstThatGroupsFit() {
        List<String> validate = List.of("validate", SWEEPS, "--law", "chinchilla", "--starts", "lhs:128:1",
                "--threads", "2", "--holdout", "N >= 3e8", "--replicates", "10", "--json");
        List<String> grouped = new ArrayList<>(validate);
        grouped.addAll(List.of("--only", "peak_lr=0.001,0.002", "--group", "peak_lr"));
        FitCommandTest.Result g = run(grouped.toArray(new String[0]));
        assertThat(g.code()).as(g.err()).isZero();
        List<String> alone = new ArrayList<>(validate);
        alone.addAll(List.of("--only", "peak_lr=0.002"));
        FitCommandTest.Result a = run(alone.toArray(new String[0]));
        assertThat(a.code()).as(a.err()).isZero();
        // the group's held-out rows, predictions and scores are those of its rows validated alone
        String rowsAlone = a.out().substring(a.out().indexOf("\"rows\""), a.out().indexOf("\"fit\""));
        assertThat(g.out()).contains("\"group\" : \"0.002\"", "\"held_out_rows\" : 7",
                rowsAlone.replace("\n", "\n  "));
    }

    @Test
    void commandsThatDoNotFitPerGroupSaySoInsteadOfPooling() {
        FitCommandTest.Result r = run("likelihood", SWEEPS, "--law", "chinchilla", "--group", "peak_lr",
                "--start", "E=2,A=400,B=400,alpha=0.3,beta=0.3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not fit per group yet: choose one group with --only peak_lr=VALUE");
    }
    @Test
    void bootstrapResamplesEachGroupForItsOwnFitAndTheJointFitWithinGroups() {
        List<String> boot = List.of("bootstrap", SWEEPS, "--law", "chinchilla", "--starts", "lhs:128:1", "--threads", "2",
                "--replicates", "10");
        List<String> grouped = new ArrayList<>(boot);
        grouped.addAll(List.of("--only", "peak_lr=0.001,0.002", "--group", "peak_lr"));
        FitCommandTest.Result g = run(grouped.toArray(new String[0]));
        assertThat(g.code()).as(g.err()).isZero();
        List<String> alone = new ArrayList<>(boot);
        alone.addAll(List.of("--only", "peak_lr=0.002"));
        FitCommandTest.Result a = run(alone.toArray(new String[0]));
        assertThat(a.code()).as(a.err()).isZero();
        String intervals = a.out().substring(a.out().indexOf("[[95 % percentile intervals]]"));
        String group = g.out().substring(g.out().indexOf("[[peak_lr=0.002]]"));
        assertThat(group).contains(intervals.strip());

        List<String> shared = new ArrayList<>(grouped);
        shared.addAll(List.of("--shared", "E"));
        FitCommandTest.Result j = run(shared.toArray(new String[0]));
        assertThat(j.code()).as(j.err()).isZero();
        assertThat(j.out()).contains("rows are resampled within each group", "10 of 10 refitted");
        assertThat(j.out()).containsPattern("\\nE +[0-9.]+ ").contains("A_0_001", "A_0_002");
    }
    @Test
    void validateWithSharedParametersScoresHeldOutRowsWithTheJointFitOfTheRest() {
        FitCommandTest.Result r = run("validate", SWEEPS, "--law", "chinchilla", "--starts", "lhs:128:1", "--threads",
                "2", "--only", "peak_lr=0.001,0.002", "--group", "peak_lr", "--shared", "E", "--holdout", "N >= 3e8",
                "--replicates", "10", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"held_out_rows\" : 16", "\"training_rows\" : 133", "\"grouped_by\" : \"peak_lr\"");
        // the same joint fit as slaw fit makes on the rows left in
        Path fit = dir.resolve("joint.json");
        FitCommandTest.Result f = fit("--only", "peak_lr=0.001,0.002", "--where", "N < 3e8", "--group", "peak_lr",
                "--shared", "E", "--out", fit.toString());
        assertThat(f.code()).as(f.err()).isZero();
        double e = GroupedFitJson.load(fit).fit("0.001").value("E");
        double validated = 0;
        try {
            for (var param : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("fit")
                    .get("parameters")) {
                if (param.get("name").asText().equals("E")) {
                    validated = param.get("value").asDouble();
                }
            }
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        assertThat(validated).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-6 * e));
    }
}
