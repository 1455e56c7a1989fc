package dev.slaw.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's {@code options} object as the command line's options: each key is an option's
 * long name without its dashes ({@code "drop-highest": "loss=5"}), a list repeats the option,
 * an object gives {@code NAME=VALUE} pairs ({@code "map": {"N": "Model Size"}}) and
 * {@code true} a flag. Only the options listed for the request are allowed: none names a file,
 * the store or a folder, so no client value reaches a file outside the workbench's store.
 */
final class CommandOptions {

    /** How the rows are read and prepared (slaw-cli's DataOptions), without files and the store. */
    static final Set<String> DATA = Set.of("average", "derive", "drop-first", "drop-highest", "drop-missing", "every",
            "from-step", "group", "into", "last-checkpoint", "last-mean", "map", "melt", "melt-names",
            "no-header-units", "only", "run", "scale", "smooth", "step", "where");

    /** The law and the fitting protocol (slaw fit). */
    static final Set<String> FIT = Set.of("law", "target", "param", "starts", "no-screening", "loss", "delta", "mean",
            "penalty", "weights", "optimizer", "plain-target", "log-target", "threads", "seed", "shared", "ftol",
            "gtol", "stop", "strict");

    /** The resampling of slaw bootstrap. */
    static final Set<String> BOOTSTRAP = Set.of("replicates", "level", "runs", "axis-starts", "protocol", "start-at",
            "sampler", "compute", "against");

    /** How slaw validate holds rows out and scores them. */
    static final Set<String> VALIDATE = Set.of("holdout", "leave-largest-out", "rollout", "level", "replicates");

    /** What slaw sensitivity sweeps and where it compares the refits. */
    static final Set<String> SENSITIVITY = Set.of("baseline", "lowest-per", "data-choice", "compute", "at");

    /** slaw plan isoflop (Chinchilla's Approach 2) on a dataset. */
    static final Set<String> ISOFLOP = Set.of("compute", "compute-column", "flops", "keep-edge-minima", "level",
            "min-models", "no-compute-adjust", "replicates", "seed", "target", "tolerance");

    /** slaw plan envelope (Chinchilla's Approach 1) on a dataset. */
    static final Set<String> ENVELOPE = Set.of("bins-per-decade", "compute-column", "flops", "level", "target");

    /** slaw curve fit: loss curves of several runs of one model. */
    static final Set<String> CURVE_FIT = Set.of("law", "first-step", "protocol", "run-schedule");

    /** slaw curve predict with a dataset's last curve fit. */
    static final Set<String> CURVE_PREDICT = Set.of("schedule", "steps", "every");

    /** slaw mixture fit: a law over a mixture's proportion columns (no --test or --out: they name files). */
    static final Set<String> MIXTURE_FIT = Set.of("law", "mixture", "target", "param", "starts", "sum-tolerance",
            "no-screening", "loss", "delta", "mean", "penalty", "weights", "optimizer", "plain-target", "log-target",
            "seed", "shared", "ftol", "gtol", "stop", "strict");

    /** slaw mixture optimize with a dataset's last mixture fit (no other fits: they would name files). */
    static final Set<String> MIXTURE_OPTIMIZE = Set.of("proportions", "bounds", "fixed", "starts", "seed",
            "available", "tokens", "epochs");

    /** slaw chain of an uploaded ladder (no --config: the ladder's own is used). */
    static final Set<String> CHAIN = Set.of("protocol", "target", "tasks", "last-mean", "skip-fraction",
            "moving-average", "step1", "step2", "single-step", "starts", "stop", "ftol", "gtol", "helper-point",
            "loss-param", "accuracy-param", "replicates", "level", "seed");

    /** slaw plan with a fit. */
    static final Set<String> PLAN = Set.of("compute", "frontier", "target-loss", "inference-tokens", "unique-tokens",
            "unique-parameters", "flops", "flops-constant", "numeric");

    /** slaw predict at one point. */
    static final Set<String> PREDICT = Set.of("level");

    private CommandOptions() {
    }

    /**
     * The arguments for {@code options} (null or an object), each as {@code --name=value} so a
     * value that starts with a dash stays a value.
     *
     * @throws Failure 400 for an option not in {@code allowed} or a value of the wrong shape
     */
    static List<String> arguments(JsonNode options, Set<String> allowed, String what) {
        List<String> args = new ArrayList<>();
        if (options == null || options.isNull() || options.isMissingNode()) {
            return args;
        }
        if (!options.isObject()) {
            throw Failure.badInput("\"options\" must be an object of " + what + " options, e.g. {\"law\": \"chinchilla\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!allowed.contains(name)) {
                throw Failure.badInput("option \"" + name + "\" is not one the workbench takes for " + what
                        + " (options: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            add(args, name, e.getValue());
        }
        return args;
    }

    private static void add(List<String> args, String name, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (value.isBoolean()) {
            if (value.booleanValue()) {
                args.add("--" + name);
            }
            return;
        }
        if (value.isArray()) {
            for (JsonNode v : value) {
                args.add("--" + name + "=" + scalar(name, v));
            }
            return;
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                args.add("--" + name + "=" + e.getKey() + "=" + scalar(name, e.getValue()));
            }
            return;
        }
        args.add("--" + name + "=" + scalar(name, value));
    }

    /** A string or number as the command line would spell it. */
    static String scalar(String name, JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : Double.toString(v.doubleValue());
        }
        throw Failure.badInput("option \"" + name + "\": give a string or a number, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
}
