package dev.slaw.discover;

import dev.slaw.data.BadInputException;
import dev.slaw.data.Dataset;
import dev.slaw.fit.FitOptions;
import dev.slaw.uncertainty.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {

    /** E + A N^-a + B D^-b on a 5 x 4 grid with 0.5% noise. */
    static Dataset chinchillaLike() {
        Random r = new Random(3);
        Map<String, double[]> c = new LinkedHashMap<>();
        double[] n = new double[20];
        double[] d = new double[20];
        double[] y = new double[20];
        int i = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 4; b++) {
                n[i] = 1e7 * Math.pow(10, a * 0.5);
                d[i] = 1e9 * Math.pow(10, b * 0.6);
                y[i] = (1.7 + 0.8 * Math.pow(n[i] / 1e8, -0.34) + 0.9 * Math.pow(d[i] / 1e10, -0.28))
                        * Math.exp(0.005 * r.nextGaussian());
                i++;
            }
        }
        c.put("N", n);
        c.put("D", d);
        c.put("loss", y);
        return Dataset.of("test", c);
    }

    @Test
    void everyCandidateIsAnOrdinaryLawAndEachFormComesOnce() {
        List<Candidate> all = Grammar.enumerate(chinchillaLike(), "loss", List.of("N", "D"), 8);
        Set<String> forms = new HashSet<>();
        boolean grammarSeen = false;
        int last = 0;
        for (Candidate c : all) {
            assertTrue(forms.add(c.canonical()), "form twice: " + c.canonical());
            assertTrue(c.parameters() <= 8);
            if (c.catalogue()) {
                assertFalse(grammarSeen, "catalogue laws come first");
            } else {
                grammarSeen = true;
                assertTrue(c.parameters() >= last, "simple to complex");
                last = c.parameters();
            }
        }
        // chinchilla is the additive power form: the grammar's copy is merged into it
        assertTrue(all.stream().anyMatch(c -> c.name().equals("chinchilla") && c.canonical().equals("E+P(D)+P(N)")));
        assertTrue(all.stream().noneMatch(c -> c.name().equals("overtrain")), "overtrain is chinchilla-tied's form");
        assertTrue(all.stream().anyMatch(c -> c.family().equals("product")));
        assertTrue(all.stream().anyMatch(c -> c.family().equals("varying exponent")));
    }

    @Test
    void rungsSpanTheUpperLogRange() {
        double[] v = {1, 10, 100, 1000, 10000};
        assertArrayEquals(new int[]{3, 4}, Search.rungs(v, 3, "N"));
        assertThrows(BadInputException.class, () -> Search.rungs(new double[]{1, 1, 2}, 3, "N"));
    }

    @Test
    void theRankingDoesNotDependOnTheThreadCount() {
        Dataset data = chinchillaLike();
        // a few grammar candidates (the catalogue's chinchilla runs 4,500 starts per fit: slow for a unit test)
        List<Candidate> some = Grammar.enumerate(data, "loss", List.of("N", "D"), 8).stream()
                .filter(c -> !c.catalogue()).limit(4).toList();
        SearchOptions one = SearchOptions.defaults("N", FitOptions.defaults()).withThreads(1);
        Discovery a = Search.run(data, "loss", List.of("N", "D"), some, some.size(), one, ProgressListener.NONE);
        Discovery b = Search.run(data, "loss", List.of("N", "D"), some, some.size(), one.withThreads(2), ProgressListener.NONE);
        assertEquals(a.ranked().stream().map(CandidateScore::name).toList(), b.ranked().stream().map(CandidateScore::name).toList());
        assertEquals(a.ranked().get(0).score(), b.ranked().get(0).score());
        assertTrue(a.winnerFit().isPresent());
        assertTrue(a.winnerFit().get().provenance().notes().stream().anyMatch(s -> s.startsWith("found by slaw discover")));
    }

    @Test
    void aTieIsWithinTheNoiseAndNeverHalfAgainTheBest() {
        Dataset data = chinchillaLike();
        List<Candidate> some = Grammar.enumerate(data, "loss", List.of("N", "D"), 8).stream()
                .filter(c -> !c.catalogue()).limit(2).toList();
        SearchOptions options = SearchOptions.defaults("N", FitOptions.defaults()).withThreads(1);
        Discovery d = Search.run(data, "loss", List.of("N", "D"), some, some.size(), options, ProgressListener.NONE);
        CandidateScore a = d.ranked().stream().filter(c -> c.index() == 0).findFirst().orElseThrow();
        CandidateScore b = d.ranked().stream().filter(c -> c.index() == 1).findFirst().orElseThrow();
        double noise = a.fit().statistics().meanRelativeError();
        double slack = noise / 2;
        // a leads with a rollout error of four times the noise allowance; b has the lower BIC and
        // scores a little worse (within the noise), or half again worse
        CandidateScore leader = rescored(a, 4 * slack, 0);
        assertEquals(slack, Search.slack(List.of(leader), 0.05), 1e-15);
        CandidateScore near = rescored(b, 4.9 * slack, -1e9);
        assertEquals(List.of(1, 0), Search.rank(List.of(leader, near), 0.05).stream().map(CandidateScore::index).toList(),
                "within the noise: a tie, which the lower BIC breaks");
        CandidateScore far = rescored(b, 1.51 * 4 * slack, -1e9);
        assertEquals(List.of(0, 1), Search.rank(List.of(leader, far), 0.05).stream().map(CandidateScore::index).toList(),
                "half again the best is never a tie");
        assertEquals(List.of(0, 1), Search.rank(List.of(leader, near), 0).stream().map(CandidateScore::index).toList(),
                "no margin: no ties");
    }

    private static CandidateScore rescored(CandidateScore c, double score, double bic) {
        return new CandidateScore(c.candidate(), c.index(), c.fit(), c.rungs(), score, c.failure(), c.aic(), bic);
    }

    @Test
    void aWinnerThatIgnoresTheExtrapolatedVariableSaysSo() {
        // the loss depends on N alone; D varies at random beside it
        Random r = new Random(5);
        Map<String, double[]> c = new LinkedHashMap<>();
        double[] n = new double[24];
        double[] d = new double[24];
        double[] y = new double[24];
        for (int i = 0; i < n.length; i++) {
            n[i] = 1e7 * Math.pow(10, (i % 6) * 0.5);
            d[i] = 1e9 * Math.pow(10, r.nextDouble() * 2);
            y[i] = (2 + 3 * Math.pow(n[i] / 1e8, -0.3)) * Math.exp(0.005 * r.nextGaussian());
        }
        c.put("N", n);
        c.put("D", d);
        c.put("loss", y);
        Dataset data = Dataset.of("test", c);
        List<Candidate> some = Grammar.enumerate(data, "loss", List.of("N", "D"), 4).stream()
                .filter(x -> !x.catalogue()).limit(12).toList();
        Discovery found = Search.run(data, "loss", List.of("N", "D"), some, some.size(),
                SearchOptions.defaults("D", FitOptions.defaults()).withThreads(1), ProgressListener.NONE);
        assertFalse(found.ranked().get(0).candidate().law().variables().contains("D"), found.ranked().get(0).name());
        assertTrue(found.warnings().stream().anyMatch(w -> w.startsWith("the winner does not use D")), found.warnings().toString());
    }

    /**
     * An accuracy that is 0 at the smallest scales and emerges past the rungs' fitted range: every
     * candidate's AIC is still a number (the rows at 0 are left out of it), and the search says
     * both that the target is 0 in some rows and that nothing extrapolates.
     */
    @Test
    void anEmergentAccuracyThatStartsAtZeroSaysNothingExtrapolates() {
        Random r = new Random(7);
        double[] n = new double[16];
        double[] y = new double[16];
        for (int i = 0; i < n.length; i++) {
            n[i] = 1e7 * Math.pow(10, i * 2.0 / 15);
            double x = Math.log10(n[i] / 1e7);
            y[i] = i < 4 ? 0 : 0.05 + 0.6 / (1 + Math.exp(-6 * (x - 1.6))) * Math.exp(0.01 * r.nextGaussian());
        }
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("N", n);
        c.put("acc", y);
        Dataset data = Dataset.of("test", c);
        List<Candidate> all = Grammar.enumerate(data, "acc", List.of("N"), 4);
        Discovery found = Search.run(data, "acc", List.of("N"), all, all.size(),
                SearchOptions.defaults("N", FitOptions.defaults()).withThreads(1), ProgressListener.NONE);

        assertTrue(found.ranked().stream().filter(CandidateScore::scored).allMatch(x -> Double.isFinite(x.aic())),
                found.ranked().toString());
        assertTrue(found.warnings().stream().anyMatch(w -> w.startsWith("acc is 0 in 4 of 16 rows")), found.warnings().toString());
        assertTrue(found.ranked().get(0).score() > Search.POOR, Double.toString(found.ranked().get(0).score()));
        assertTrue(found.warnings().stream().anyMatch(w -> w.startsWith("even the winner misses")), found.warnings().toString());
    }

    /** On a loss table that the winner extrapolates well, neither warning is given. */
    @Test
    void aLawThatExtrapolatesIsNotCalledPoor() {
        Dataset data = chinchillaLike();
        List<Candidate> some = Grammar.enumerate(data, "loss", List.of("N", "D"), 5).stream().limit(8).toList();
        Discovery found = Search.run(data, "loss", List.of("N", "D"), some, some.size(),
                SearchOptions.defaults("N", FitOptions.defaults()).withThreads(1), ProgressListener.NONE);
        assertTrue(found.ranked().get(0).score() < Search.POOR);
        assertTrue(found.warnings().stream().noneMatch(w -> w.startsWith("even the winner") || w.contains(" is 0 in ")),
                found.warnings().toString());
    }
}
