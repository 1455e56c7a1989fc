package dev.slaw.io.document;

import dev.slaw.io.json.JsonObject;
import dev.slaw.planning.VocabularyPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.slaw.io.document.Formats.sci;

/** Compute-optimal vocabulary plans (Tao et al. 2024) as JSON, text and a CSV table. */
public final class VocabularyDocuments {
    private VocabularyDocuments() {
    }

    /** Plans of one law, with the law's name and parameter values and the warnings of the fit it came from. */
    public static JsonObject json(String lawName, java.util.Map<String, Double> parameters, List<VocabularyPlan> plans,
                                  FitWarnings fitWarnings) {
        JsonObject o = new JsonObject();
        o.put("law", lawName);
        o.putNumbers("parameters", parameters);
        var array = o.putArray("vocabulary");
        for (VocabularyPlan p : plans) {
            JsonObject r = array.addObject();
            r.put("compute_flops", p.computeFlops());
            r.put("non_vocabulary_parameters", p.nonVocabularyParameters());
            r.put("embedding_width", p.embeddingWidth());
            r.put("vocabulary_size", p.vocabularySize());
            r.put("vocabulary_parameters", p.vocabularyParameters());
            r.put("token_count", p.tokenCount());
            r.put("loss", p.loss());
            r.putTexts("warnings", p.warnings());
        }
        return fitWarnings.putInto(o);
    }

    /** Each plan as a block of text, then the warnings of the fit planned from. */
    public static String text(String lawName, List<VocabularyPlan> plans, FitWarnings fitWarnings) {
        StringBuilder t = new StringBuilder();
        t.append("law        ").append(lawName).append('\n');
        t.append("FLOPs      6*(Nnv + Nv)*D, Nv = V*d\n");
        for (VocabularyPlan p : plans) {
            t.append("\nCompute-optimal vocabulary at C = ").append(sci(p.computeFlops()))
                    .append(" FLOPs (Tao et al. 2024, approach 3)\n");
            t.append("  non-vocabulary Nnv   ").append(sci(p.nonVocabularyParameters())).append('\n');
            t.append("  embedding width d    ").append(String.format(Locale.ROOT, "%.0f", p.embeddingWidth())).append('\n');
            t.append("  vocabulary size V    ").append(String.format(Locale.ROOT, "%.0f", p.vocabularySize())).append('\n');
            t.append("  vocabulary Nv = V*d  ").append(sci(p.vocabularyParameters())).append('\n');
            t.append("  tokens D             ").append(sci(p.tokenCount())).append('\n');
            t.append("  predicted loss       ").append(String.format(Locale.ROOT, "%.4f", p.loss())).append('\n');
            p.warnings().forEach(w -> t.append("  warning: ").append(w).append('\n'));
        }
        return t.append(fitWarnings.text()).toString();
    }

    /** One row per plan, every digit. */
    public static Table csvTable(List<VocabularyPlan> plans) {
        List<List<String>> rows = new ArrayList<>();
        for (VocabularyPlan p : plans) {
            rows.add(List.of(Double.toString(p.computeFlops()), Double.toString(p.nonVocabularyParameters()),
                    Double.toString(p.embeddingWidth()), Double.toString(p.vocabularySize()),
                    Double.toString(p.vocabularyParameters()), Double.toString(p.tokenCount()), Double.toString(p.loss())));
        }
        return new Table(List.of("compute_flops", "non_vocabulary_parameters", "embedding_width", "vocabulary_size",
                "vocabulary_parameters", "token_count", "loss"), rows);
    }
}
