package dev.slaw.planning;

import dev.slaw.data.BadInputException;
import dev.slaw.fit.Fit;
import dev.slaw.fit.VariableRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fine-tuning candidate (a method such as FMT, Prompt or LoRA, or a base model) reaches the least
 * predicted loss at each fine-tuning data size, and the data sizes at which two candidates' predictions
 * are equal: Zhang et al. 2024's critical fine-tuning data size (arXiv:2402.17193, section 5, found
 * numerically as their Figure 5 does), and Lin et al. 2024's selection of the model to fine-tune by its
 * fitted rectified law's prediction at the full data size (arXiv:2402.02314). Each candidate is a fit
 * whose law, once the shared values {@code at} are set, has one variable left: the fine-tuning data size.
 */
public final class FinetuneChoice {
    /** Points scanned (log-spaced) between the smallest and largest data size asked for, to find crossings. */
    private static final int SCAN = 400;

    private final List<String> names;
    private final List<Fit> fits;
    private final List<String> dataVariables;
    private final Map<String, Double> at;

    /** One candidate's name and fit. */
    public record Candidate(String name, Fit fit) {
    }

    /** The predicted loss of every candidate (in the candidates' order) at one data size, and the least's index. */
    public record Row(double dataSize, List<Double> losses, int best) {
    }

    /** A data size at which two candidates' predictions are equal; {@code below} wins under it, {@code above} over it. */
    public record Crossing(String below, String above, double dataSize, double loss) {
    }

    /** The rows, the crossings within the asked range, and how far the question reaches beyond each fit's data. */
    public record Choice(List<String> names, List<String> dataVariables, Map<String, Double> at, List<Row> rows,
                         List<Crossing> crossings, List<String> warnings) {
    }

    private FinetuneChoice(List<String> names, List<Fit> fits, List<String> dataVariables, Map<String, Double> at) {
        this.names = names;
        this.fits = fits;
        this.dataVariables = dataVariables;
        this.at = at;
    }

    /**
     * Candidates compared at the values {@code at} (model size X, say); each candidate's law must have
     * exactly one variable not in {@code at}, its fine-tuning data size.
     */
    public static FinetuneChoice of(List<Candidate> candidates, Map<String, Double> at) {
        if (candidates.size() < 2) {
            throw new BadInputException("the fine-tuning choice compares two or more fits (the plan's fit and --finetune-versus FIT)");
        }
        List<String> names = new ArrayList<>();
        List<Fit> fits = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (Candidate c : candidates) {
            List<String> left = new ArrayList<>();
            for (String v : c.fit().law().variables()) {
                if (!at.containsKey(v)) {
                    left.add(v);
                }
            }
            if (left.size() != 1) {
                throw new BadInputException(c.name() + ": law " + c.fit().law().name() + " has variables "
                        + String.join(", ", c.fit().law().variables()) + "; give every one but the fine-tuning data size"
                        + " with --finetune-at NAME=VALUE (left: " + (left.isEmpty() ? "none" : String.join(", ", left)) + ")");
            }
            if (names.contains(c.name())) {
                throw new BadInputException("two candidates are named " + c.name() + ": give fit files of different names");
            }
            names.add(c.name());
            fits.add(c.fit());
            data.add(left.get(0));
        }
        return new FinetuneChoice(List.copyOf(names), List.copyOf(fits), List.copyOf(data), Map.copyOf(at));
    }

    /** The choice at each of {@code dataSizes} (positive), with the crossings between the smallest and the largest. */
    public Choice at(List<Double> dataSizes) {
        if (dataSizes.isEmpty()) {
            throw new BadInputException("the fine-tuning choice needs --finetune-data DF[,DF...]");
        }
        for (double d : dataSizes) {
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new BadInputException("--finetune-data " + d + ": a fine-tuning data size is a positive number");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (double d : dataSizes) {
            rows.add(row(d));
        }
        double lo = dataSizes.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = dataSizes.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        List<Crossing> crossings = new ArrayList<>();
        if (hi > lo) {
            for (int i = 0; i < fits.size(); i++) {
                for (int j = i + 1; j < fits.size(); j++) {
                    crossings.addAll(crossings(i, j, lo, hi));
                }
            }
        }
        crossings.sort((a, b) -> Double.compare(a.dataSize(), b.dataSize()));
        return new Choice(names, dataVariables, at, rows, crossings, warnings(lo, hi));
    }

    private Row row(double d) {
        List<Double> losses = new ArrayList<>();
        int best = -1;
        for (int i = 0; i < fits.size(); i++) {
            double l = loss(i, d);
            losses.add(l);
            if (Double.isFinite(l) && (best < 0 || l < losses.get(best))) {
                best = i;
            }
        }
        return new Row(d, List.copyOf(losses), best);
    }

    private double loss(int i, double d) {
        Map<String, Double> point = new LinkedHashMap<>(at);
        point.put(dataVariables.get(i), d);
        return fits.get(i).predict(point);
    }

    /** Sign changes of loss_i - loss_j on a log grid, each refined by bisection in log data size. */
    private List<Crossing> crossings(int i, int j, double lo, double hi) {
        List<Crossing> out = new ArrayList<>();
        double a = Math.log(lo);
        double b = Math.log(hi);
        double prevX = a;
        double prevG = gap(i, j, a);
        for (int k = 1; k <= SCAN; k++) {
            double x = a + (b - a) * k / SCAN;
            double g = gap(i, j, x);
            if (Double.isFinite(prevG) && Double.isFinite(g) && prevG * g < 0) {
                double l = prevX;
                double r = x;
                double gl = prevG;
                for (int it = 0; it < 100; it++) {
                    double m = 0.5 * (l + r);
                    double gm = gap(i, j, m);
                    if (gm * gl <= 0) {
                        r = m;
                    } else {
                        l = m;
                        gl = gm;
                    }
                }
                double d = Math.exp(0.5 * (l + r));
                // below the crossing the candidate with the smaller loss at the left end wins
                String below = prevG < 0 ? names.get(i) : names.get(j);
                String above = prevG < 0 ? names.get(j) : names.get(i);
                out.add(new Crossing(below, above, d, loss(i, d)));
            }
            prevX = x;
            prevG = g;
        }
        return out;
    }

    private double gap(int i, int j, double logD) {
        double d = Math.exp(logD);
        return loss(i, d) - loss(j, d);
    }

    /** How far the data sizes and the shared values reach beyond each fit's data, per candidate. */
    private List<String> warnings(double lo, double hi) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) {
            Map<String, double[]> points = new LinkedHashMap<>();
            at.forEach((k, v) -> points.put(k, new double[]{v}));
            points.put(dataVariables.get(i), new double[]{lo, hi});
            for (String line : VariableRange.beyond(fits.get(i).provenance().ranges(), points)) {
                out.add(names.get(i) + ": " + line);
            }
        }
        return List.copyOf(out);
    }
}
