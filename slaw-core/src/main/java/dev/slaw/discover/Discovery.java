package dev.slaw.discover;

import dev.slaw.fit.Fit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a search: candidates ranked by rollout error, the winner refitted on every row
 * (its provenance records the search), and what a careful reader should know.
 *
 * @param target      the target column
 * @param extrapolate the variable the rollout extrapolates along
 * @param variables   the variables searched over
 * @param scales      the distinct values of {@code extrapolate}, ascending
 * @param rungs       the rungs scored (k smallest values fitted)
 * @param generated   candidates the grammar and catalogue proposed (after equivalent forms were merged)
 * @param asked       candidates the budget let through
 * @param evaluated   candidates evaluated (fewer than asked when the time limit stopped the search)
 * @param ranked      the evaluated candidates, best first; unscored ones last
 * @param winner      the winner's fit on every row, or null when no candidate was scored
 * @param warnings    things a careful reader should know
 * @param options     the search's options
 * @param seconds     wall time of the candidate loop
 */
public record Discovery(String target, String extrapolate, List<String> variables, double[] scales, int[] rungs,
                        int generated, int asked, int evaluated, List<CandidateScore> ranked, Fit winner,
                        List<String> warnings, SearchOptions options, double seconds) {

    public Discovery {
        Objects.requireNonNull(target, "target");
        variables = List.copyOf(variables);
        scales = scales.clone();
        rungs = rungs.clone();
        ranked = List.copyOf(ranked);
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public int[] rungs() {
        return rungs.clone();
    }

    /** The winner's fit, when some candidate was scored. */
    public Optional<Fit> winnerFit() {
        return Optional.ofNullable(winner);
    }

    /** The best-ranked catalogue law that was scored. */
    public Optional<CandidateScore> bestCatalogue() {
        return ranked.stream().filter(c -> c.candidate().catalogue() && c.scored()).findFirst();
    }

    /** Candidates scored. */
    public long scoredCount() {
        return ranked.stream().filter(CandidateScore::scored).count();
    }
}
