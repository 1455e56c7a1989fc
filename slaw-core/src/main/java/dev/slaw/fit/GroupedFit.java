package dev.slaw.fit;

import dev.slaw.data.BadInputException;
import dev.slaw.law.Law;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fit per group of rows (a model family, a learning-rate sweep), kept together as one result.
 * Each group's {@link Fit} has its own parameters, statistics and provenance (the fingerprint of
 * that group's rows). When parameters were {@linkplain #shared() shared}, the groups were fitted
 * jointly: the shared parameters have one value in every group's fit, and {@link #joint()} is the
 * joint fit itself (its per-group parameters named {@code alpha_<group>}).
 *
 * <p>A grouped fit predicts only for a named group: {@link #predictor(String)} meets the
 * {@link Predictor} contract for that group's law.
 *
 * @param groupColumn the column whose values name the groups
 * @param fits        group value to its fit, in the order printed
 * @param shared      parameters with one value across groups; empty when the groups were fitted separately
 * @param joint       the joint fit when parameters were shared, else null
 */
public record GroupedFit(String groupColumn, Map<String, Fit> fits, List<String> shared, Fit joint) {

    public GroupedFit {
        Objects.requireNonNull(groupColumn, "groupColumn");
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("a grouped fit needs at least one group");
        }
        fits = Collections.unmodifiableMap(new LinkedHashMap<>(fits));
        shared = List.copyOf(shared);
        if (shared.isEmpty() != (joint == null)) {
            throw new IllegalArgumentException("a joint fit goes with shared parameters, and only with them");
        }
    }

    /** The group values, in order. */
    public List<String> groups() {
        return new ArrayList<>(fits.keySet());
    }

    /**
     * One group's fit.
     *
     * @throws BadInputException naming the groups when there is no such group
     */
    public Fit fit(String group) {
        Fit f = fits.get(group);
        if (f == null) {
            throw new BadInputException("no group " + groupColumn + "=" + group + " in this grouped fit (groups: "
                    + String.join(", ", fits.keySet()) + ")");
        }
        return f;
    }

    /** The prediction contract for one group. */
    public Predictor predictor(String group) {
        return fit(group);
    }

    /**
     * The values of the joint law's group indicator variables that make it group {@code group}'s
     * law (1 for that group, 0 for the others), to predict one group from {@link #joint()}.
     *
     * @throws IllegalStateException when the groups were fitted separately (there is no joint law)
     */
    public Map<String, Double> jointSelector(String group) {
        if (joint == null) {
            throw new IllegalStateException("the groups were fitted separately; there is no joint law");
        }
        fit(group);
        // the joint law's variables are the base law's, then one indicator per group in group order (SharedParameters)
        List<String> vars = joint.law().variables();
        List<String> indicators = vars.subList(law().variables().size(), vars.size());
        List<String> groups = groups();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < groups.size(); k++) {
            out.put(indicators.get(k), groups.get(k).equals(group) ? 1.0 : 0.0);
        }
        return out;
    }

    /** The law every group was fitted with (the same declarations in every group). */
    public Law law() {
        return fits.values().iterator().next().law();
    }

    /** The data column fitted. */
    public String target() {
        return fits.values().iterator().next().target();
    }

    /**
     * The free parameters each group determines alone: all of the law's, less the shared ones
     * (which the groups determine together). A group needs at least this many distinct rows.
     */
    public int ownFreeParameterCount() {
        return fits.values().iterator().next().freeParameterNames().size() - shared.size();
    }

    /** Whether every group's best start converged (and the joint fit's, when shared). */
    public boolean converged() {
        if (joint != null) {
            return joint.convergence().converged();
        }
        return fits.values().stream().allMatch(f -> f.convergence().converged());
    }

    /**
     * What a careful reader should know, once each: for a joint fit its own warnings (whose
     * per-group parameters are named {@code alpha_<group>}), then every group's other warnings
     * prefixed with its group.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (joint != null) {
            joint.warnings().forEach(w -> out.add("joint fit: " + w));
        }
        fits.forEach((g, f) -> f.warnings().stream().filter(w -> joint == null || !joint.warnings().contains(w))
                .forEach(w -> out.add(groupColumn + "=" + g + ": " + w)));
        return out;
    }

    /** The message for a command that needs one group and was not told which. */
    public String chooseGroupMessage() {
        return "this is a grouped fit (one fit per " + groupColumn + "): name the group with " + groupColumn
                + "=VALUE (groups: " + String.join(", ", fits.keySet()) + ")";
    }
}
