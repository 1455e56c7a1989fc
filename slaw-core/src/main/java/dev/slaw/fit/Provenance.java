package dev.slaw.fit;

import dev.slaw.Slaw;
import dev.slaw.data.Dataset;
import dev.slaw.law.Law;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reproducibility card of a fit: where the data came from, which rows and options were
 * used, and what produced it. Built by {@link #of} from the very {@link FitOptions} that
 * configured the fit, so the record cannot drift from the code (Tribuo's habit).
 *
 * @param dataSource     file or stored dataset name
 * @param fingerprint    SHA-256 of the rows used (the law's variables, the target, the weights)
 * @param columns        the columns that fingerprint covers
 * @param notes          filters and row exclusions applied before fitting
 * @param objective      objective description
 * @param optimizer      optimiser
 * @param starts         start description
 * @param seed           seed
 * @param threads        threads used (the result does not depend on it)
 * @param slawVersion    slaw version
 * @param javaVersion    Java runtime version
 * @param created        ISO-8601 time of the fit
 * @param elapsedMillis  wall-clock time of the fit
 * @param choices        every option of the fit by name ({@link #choices(FitOptions)}), each a
 *                       string, number, boolean or null; empty for a fit saved before slaw
 *                       recorded them
 * @param ranges         each variable's lowest and highest value over the rows used, by name
 *                       ({@link VariableRange#of}); empty for a fit saved before slaw recorded them
 * @param targetRange    the target's lowest and highest value over the rows used ({@link
 *                       VariableRange#ofTarget}); null for a fit saved before slaw recorded it
 */
public record Provenance(String dataSource, String fingerprint, List<String> columns, List<String> notes,
                         String objective, String optimizer, String starts, long seed, int threads, String slawVersion,
                         String javaVersion, String created, double elapsedMillis, Map<String, Object> choices,
                         Map<String, VariableRange> ranges, VariableRange targetRange) {
    public Provenance {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
        // not Map.copyOf: a choice may be null (no weight column)
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    }

    /**
     * The provenance of a fit of {@code law} to {@code data} under {@code options}, made now by
     * this slaw on this Java.
     */
    public static Provenance of(FitOptions options, Law law, String target, Dataset data, double elapsedMillis) {
        List<String> used = columnsUsed(law, target, options.objective());
        return new Provenance(data.source(), data.fingerprint(used), used, options.notes(),
                options.objective().describe(), options.describeOptimizer(), options.starts().describe(),
                options.seed(), options.threads(), Slaw.version(), System.getProperty("java.version"),
                Instant.now().toString(), elapsedMillis, choices(options), VariableRange.of(law, data),
                VariableRange.ofTarget(data, target));
    }

    /**
     * The columns a fit reads, which its fingerprint covers: the law's variables, a curve law's run
     * label, the target, the weights.
     */
    public static List<String> columnsUsed(Law law, String target, Objective objective) {
        List<String> used = new ArrayList<>(law.variables());
        used.addAll(law.labelColumns());
        used.add(target);
        if (objective.weightColumn() != null) {
            used.add(objective.weightColumn());
        }
        return used;
    }

    /**
     * Every option that shapes a fit, by snake_case name, in the order of {@link Objective} and
     * {@link FitOptions} (the notes are recorded as {@link #notes()}): the loss, its delta,
     * averaging and over-estimate penalty, the weight column (null for none), the optimiser, its
     * stopping rule and tolerances, the starts, the seed and the threads. Numbers are kept
     * exactly, so a reproduction can pass them back.
     */
    public static Map<String, Object> choices(FitOptions options) {
        Objective o = options.objective();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("loss", o.loss().name().toLowerCase(Locale.ROOT));
        c.put("delta", o.delta());
        c.put("mean", o.mean());
        c.put("overestimate_penalty", o.overestimatePenalty());
        c.put("weight_column", o.weightColumn());
        c.put("optimizer", options.optimizer().name().toLowerCase(Locale.ROOT));
        c.put("stopping_rule", options.stoppingRule().label());
        c.put("function_tolerance", options.functionTolerance());
        c.put("gradient_tolerance", options.gradientTolerance());
        c.put("starts", options.starts().describe());
        c.put("seed", options.seed());
        c.put("threads", (long) options.threads()); // long, as JSON reads whole numbers back
        return c;
    }

    /**
     * The same record for an estimator that the options alone do not describe (the Huber
     * likelihood, with its fitted scale): its description of the objective, and its own choices
     * after the options', so that {@code fits diff} tells its fits from ordinary ones.
     */
    public Provenance withEstimator(String objectiveDescription, Map<String, Object> estimatorChoices) {
        Map<String, Object> all = new LinkedHashMap<>(choices);
        all.putAll(estimatorChoices);
        return new Provenance(dataSource, fingerprint, columns, notes, objectiveDescription, optimizer, starts, seed,
                threads, slawVersion, javaVersion, created, elapsedMillis, all, ranges, targetRange);
    }

    /**
     * The same record of a fit whose starts were screened on a sample of the rows
     * ({@link Screening}): its starts described with the screen, and the sample's size and the
     * number of starts run again on every row among its choices (only there, so that a fit of a smaller
     * table records exactly what it did before screening existed).
     */
    Provenance withScreening(String screenedStarts, int sampleRows, int startsRun) {
        Map<String, Object> all = new LinkedHashMap<>(choices);
        all.put("starts_screened_on_rows", (long) sampleRows);
        all.put("starts_run_on_all_rows", (long) startsRun);
        return new Provenance(dataSource, fingerprint, columns, notes, objective, optimizer, screenedStarts, seed,
                threads, slawVersion, javaVersion, created, elapsedMillis, all, ranges, targetRange);
    }

    /**
     * The same record of a fit whose starts were raced ({@link RacedStarts}): how many starts ran
     * and how many of them ended at the best objective, among its choices (only there, so that a
     * fit that ran every start records exactly what it did before racing existed).
     */
    Provenance withRace(int startsRun, int startsAgreed) {
        Map<String, Object> all = new LinkedHashMap<>(choices);
        all.put("starts_run", (long) startsRun);
        all.put("starts_agreed", (long) startsAgreed);
        return new Provenance(dataSource, fingerprint, columns, notes, objective, optimizer, starts, seed, threads,
                slawVersion, javaVersion, created, elapsedMillis, all, ranges, targetRange);
    }

    /**
     * The same choices, versions and times for other rows: a group's share of a joint fit, with
     * that group's source, fingerprint, notes and ranges (of its variables and its target).
     */
    public Provenance withData(String source, String rowsFingerprint, List<String> fingerprintColumns,
                               List<String> rowNotes, Map<String, VariableRange> rowRanges,
                               VariableRange rowTargetRange) {
        return new Provenance(source, rowsFingerprint, fingerprintColumns, rowNotes, objective, optimizer, starts,
                seed, threads, slawVersion, javaVersion, created, elapsedMillis, choices, rowRanges, rowTargetRange);
    }
}
