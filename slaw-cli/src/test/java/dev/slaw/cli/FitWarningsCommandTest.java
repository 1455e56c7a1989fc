package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.slaw.cli.FitCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision drawn from a doubtful fit (plan, predict, mixture predict and optimize, vocabulary
 * planning) says the fit's doubts where it is read; one drawn from a sound fit says nothing more.
 */
class FitWarningsCommandTest {
    private static final String CHINCHILLA = Path.of("..", "examples", "chinchilla-epoch", "svg_extracted_data.csv").toString();
    /** What two starts leave of the Chinchilla fit: a Hessian that is not positive definite. */
    private static final String DOUBT = "no standard errors: Hessian not positive definite";
    private static final String MIXTURES = Path.of("..", "examples", "mixtures", "three-sources.csv").toString();
    /** With every source's coefficient free, the proportions summing to 1 leave one of them undetermined. */
    private static final String WEB = "web_loss = c + k*exp(t_web*web + t_code*code + t_books*books)";
    private static final String CODE = "code_loss = c + k*exp(t_web*web + t_code*code + t_books*books)";

    @TempDir
    static Path dir;

    static Path doubtful;
    static Path sound;
    static Path webDoubtful;
    static Path codeDoubtful;
    static Path webSound;
    static Path codeSound;

    @BeforeAll
    static void fits() {
        doubtful = dir.resolve("doubtful.json");
        FitCommandTest.Result r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--target", "loss", "--starts", "lhs:2", "--out", doubtful.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(DOUBT);
        sound = dir.resolve("sound.json");
        r = run("fit", CHINCHILLA, "--law", "chinchilla", "--map", "N=Model Size", "--derive", "D=Training FLOP / (6*N)",
                "--target", "loss", "--drop-highest", "loss=5", "--starts", "chinchilla", "--out", sound.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("[[Warnings]]");
        webDoubtful = mixtureFit(WEB, "web-doubtful.json", true);
        codeDoubtful = mixtureFit(CODE, "code-doubtful.json", true);
        webSound = mixtureFit(WEB, "web.json", false);
        codeSound = mixtureFit(CODE, "code.json", false);
    }

    private static Path mixtureFit(String law, String name, boolean doubtful) {
        Path out = dir.resolve(name);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", MIXTURES, "--law", law,
                "--out", out.toString()));
        if (!doubtful) {
            args.addAll(java.util.List.of("--param", "t_books = 0"));
        }
        FitCommandTest.Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        if (doubtful) {
            assertThat(r.out()).contains(DOUBT);
        } else {
            assertThat(r.out()).doesNotContain("[[Warnings]]");
        }
        return out;
    }

    private static JsonNode json(FitCommandTest.Result r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void planShowsTheFitsWarningsUnderThePlan() throws Exception {
        FitCommandTest.Result text = run("plan", doubtful.toString(), "--compute", "1e22");
        assertThat(text.code()).as(text.err()).isZero();
        String out = text.out();
        assertThat(out.indexOf("fit warnings:")).isGreaterThan(out.indexOf("predicted loss"));
        assertThat(out).contains("  " + DOUBT, "  r-squared is");

        FitCommandTest.Result json = run("plan", doubtful.toString(), "--compute", "1e22", "--json");
        JsonNode warnings = new ObjectMapper().readTree(json.out()).get("fit_warnings");
        assertThat(warnings.size()).isEqualTo(2);
        assertThat(warnings.get(0).asText()).startsWith(DOUBT);

        // a CSV table has no place for them: standard error says them, the table stays clean
        FitCommandTest.Result csv = run("plan", doubtful.toString(), "--compute", "1e22", "--csv");
        assertThat(csv.out()).doesNotContain("warning");
        assertThat(csv.err()).contains("slaw plan: warning: " + DOUBT);
    }

    @Test
    void planFromASoundFitOrALawSaysNothingMore() throws Exception {
        FitCommandTest.Result text = run("plan", sound.toString(), "--compute", "1e22");
        assertThat(text.out()).doesNotContain("fit warnings");
        FitCommandTest.Result json = run("plan", sound.toString(), "--compute", "1e22", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).get("fit_warnings").size()).isZero();
        FitCommandTest.Result law = run(PlanCommandTest.epoch("--compute", "5.88e23"));
        assertThat(law.out()).doesNotContain("fit warnings");
    }

    @Test
    void predictShowsTheFitsWarningsUnderThePredictions() {
        FitCommandTest.Result text = run("predict", doubtful.toString(), "N=70e9", "D=1.4e12");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("fit warnings:\n  " + DOUBT);
        // the JSON is an array of points: the warnings go to standard error, the array stays as it was
        FitCommandTest.Result json = run("predict", doubtful.toString(), "N=70e9", "D=1.4e12", "--json");
        assertThat(json.out()).startsWith("[").doesNotContain("warning");
        assertThat(json.err()).contains("slaw predict: warning: " + DOUBT);
        // a sound fit predicting inside its data says nothing more; beyond it, only how far
        FitCommandTest.Result clean = run("predict", sound.toString(), "N=1e9", "D=2e10");
        assertThat(clean.out()).doesNotContain("fit warnings");
        assertThat(clean.err()).isEmpty();
        FitCommandTest.Result far = run("predict", sound.toString(), "N=70e9", "D=1.4e12");
        assertThat(far.out()).contains("fit warnings:\n  extrapolated: N = 7e10 is 4.3x the largest N fitted")
                .doesNotContain(DOUBT);
        assertThat(far.err()).isEmpty();
    }

    @Test
    void mixturePredictShowsTheFitsWarningsUnderTheAgreementAndThePredictions() throws Exception {
        FitCommandTest.Result rank = run("mixture", "predict", webDoubtful.toString(), MIXTURES, "--target", "web_loss");
        assertThat(rank.code()).as(rank.err()).isZero();
        assertThat(rank.out()).contains("Spearman rho", "fit warnings:\n  " + DOUBT);
        JsonNode warnings = json(run("mixture", "predict", webDoubtful.toString(), MIXTURES, "--target", "web_loss",
                "--json")).get("fit_warnings");
        assertThat(warnings.size()).isEqualTo(1);
        assertThat(warnings.get(0).asText()).startsWith(DOUBT);
        FitCommandTest.Result each = run("mixture", "predict", webDoubtful.toString(), MIXTURES, "--csv");
        assertThat(each.out()).doesNotContain("warning");
        assertThat(each.err()).contains("slaw mixture predict: warning: " + DOUBT);

        FitCommandTest.Result clean = run("mixture", "predict", webSound.toString(), MIXTURES, "--target", "web_loss");
        assertThat(clean.out()).doesNotContain("fit warnings");
        assertThat(json(run("mixture", "predict", webSound.toString(), MIXTURES, "--target", "web_loss", "--json"))
                .get("fit_warnings").size()).isZero();
        assertThat(run("mixture", "predict", webSound.toString(), MIXTURES).err()).isEmpty();
    }

    @Test
    void mixtureOptimizeNamesEachDoubtfulFitItWasDrawnFrom() throws Exception {
        FitCommandTest.Result text = run("mixture", "optimize", webDoubtful.toString(), codeSound.toString(),
                "--proportions", "web,code,books");
        assertThat(text.code()).as(text.err()).isZero();
        String out = text.out();
        assertThat(out.indexOf("[[Fit warnings]]")).isGreaterThan(out.indexOf("[[Proportions]]"));
        assertThat(out).contains("    web-doubtful.json: " + DOUBT).doesNotContain("code.json: ");

        JsonNode warnings = json(run("mixture", "optimize", webDoubtful.toString(), codeDoubtful.toString(),
                "--proportions", "web,code,books", "--json")).get("fit_warnings");
        assertThat(warnings.size()).isEqualTo(2);
        assertThat(warnings.get(1).asText()).startsWith("code-doubtful.json: " + DOUBT);
        FitCommandTest.Result csv = run("mixture", "optimize", webDoubtful.toString(), "--proportions", "web,code,books",
                "--csv");
        assertThat(csv.out()).doesNotContain("warning");
        assertThat(csv.err()).contains("slaw mixture optimize: warning: web-doubtful.json: " + DOUBT);
        // the fit under the cap and the second fit of a trade-off are drawn from too
        assertThat(run("mixture", "optimize", codeSound.toString(), "--proportions", "web,code,books",
                "--subject-to", webDoubtful + "<=2.5").out()).contains("web-doubtful.json: " + DOUBT);
        assertThat(json(run("mixture", "optimize", codeSound.toString(), "--proportions", "web,code,books",
                "--tradeoff", webDoubtful.toString(), "--points", "3", "--json")).get("fit_warnings").get(0).asText())
                .startsWith("web-doubtful.json: " + DOUBT);

        FitCommandTest.Result clean = run("mixture", "optimize", webSound.toString(), codeSound.toString(),
                "--proportions", "web,code,books");
        assertThat(clean.out()).doesNotContain("[[Fit warnings]]");
        assertThat(json(run("mixture", "optimize", webSound.toString(), codeSound.toString(), "--proportions",
                "web,code,books", "--json")).get("fit_warnings").size()).isZero();
    }

    @Test
    void vocabularyPlanningShowsTheFitsWarnings() throws Exception {
        Path data = VocabularyPlanCommandTest.syntheticRuns(dir);
        Path vocabularySound = dir.resolve("vocabulary.json");
        assertThat(run("fit", data.toString(), "--law", "vocabulary", "--target", "Lu", "--out",
                vocabularySound.toString()).code()).isZero();
        // one token budget: the law's terms in D cannot be told from its constant
        Path vocabularyDoubtful = dir.resolve("vocabulary-doubtful.json");
        FitCommandTest.Result f = run("fit", data.toString(), "--law", "vocabulary", "--target", "Lu", "--where",
                "D == 1e9", "--out", vocabularyDoubtful.toString());
        assertThat(f.code()).as(f.err()).isZero();
        String[] plan = {"--compute", "7.052e23", "--non-vocabulary-parameters", "7e10", "--embedding-dim", "8192"};

        FitCommandTest.Result text = run(with("plan", vocabularyDoubtful.toString(), plan));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().indexOf("fit warnings:")).isGreaterThan(text.out().indexOf("vocabulary size V"));
        assertThat(text.out()).contains("  " + DOUBT, "D is 1e9 in every row");
        assertThat(json(run(with("plan", vocabularyDoubtful.toString(), plan, "--json"))).get("fit_warnings").size())
                .isGreaterThanOrEqualTo(2);

        assertThat(run(with("plan", vocabularySound.toString(), plan)).out()).doesNotContain("fit warnings");
        assertThat(json(run(with("plan", vocabularySound.toString(), plan, "--json"))).get("fit_warnings").size()).isZero();
    }

    private static String[] with(String command, String fit, String[] options, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, fit));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void curvePredictShowsTheCurveFitsWarnings() throws Exception {
        String runs = Path.of("..", "examples", "multipower", "csv_25").toString();
        Path curveFit = dir.resolve("curve.json");
        FitCommandTest.Result f = run("curve", "fit", runs + "/cosine_24000.csv", runs + "/constant_24000.csv",
                runs + "/wsdcon_9.csv", "--out", curveFit.toString());
        assertThat(f.code()).as(f.err()).isZero();
        // three runs leave C and beta weakly determined
        String doubt = "weakly determined: standard error at least half the value for C";
        assertThat(f.out()).contains(doubt);
        String schedule = "warmup(2160)+cosine(peak=3e-4, end=3e-5, total=72000)";

        FitCommandTest.Result text = run("curve", "predict", curveFit.toString(), "--schedule", schedule);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out().indexOf("fit warnings:\n  " + doubt)).isGreaterThan(text.out().indexOf("3.18516"));
        assertThat(json(run("curve", "predict", curveFit.toString(), "--schedule", schedule, "--json"))
                .get("fit_warnings").get(0).asText()).startsWith(doubt);
        FitCommandTest.Result csv = run("curve", "predict", curveFit.toString(), "--schedule", schedule, "--csv");
        assertThat(csv.out()).doesNotContain("warning");
        assertThat(csv.err()).contains("slaw curve predict: warning: " + doubt);

        // the law at stated values is no fit: nothing to warn of
        String[] stated = {"curve", "predict", "--params",
                "L0=3.0405,A=0.5247,alpha=0.5079,B=363.79,C=2.0656,beta=0.5828,gamma=0.6414", "--schedule", schedule};
        assertThat(run(stated).out()).doesNotContain("fit warnings");
        assertThat(run(with(stated[0], stated[1], java.util.Arrays.copyOfRange(stated, 2, stated.length), "--json"))
                .out()).contains("\"fit_warnings\" : [ ]");
    }
}
