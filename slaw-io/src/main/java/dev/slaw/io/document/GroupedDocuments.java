package dev.slaw.io.document;

import dev.slaw.data.Dataset;
import dev.slaw.fit.GroupedFit;
import dev.slaw.io.json.JsonArray;
import dev.slaw.io.json.JsonObject;
import dev.slaw.uncertainty.BootstrapResult;
import dev.slaw.uncertainty.HeldOutValidation;
import dev.slaw.uncertainty.SensitivityResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Results made per group ({@code --group}) as documents: held-out validations, bootstraps,
 * predictions and sensitivity sweeps, each group's part under a {@code [[COLUMN=VALUE]]} heading
 * in text and as an entry of {@code groups} in JSON. A group's own part is the single result's
 * document ({@link ValidationDocuments}, {@link BootstrapDocuments}, {@link SensitivityDocuments}).
 */
public final class GroupedDocuments {
    private GroupedDocuments() {
    }

    /**
     * One group's held-out validation, or why it was skipped (nothing held out, or nothing left
     * to fit).
     *
     * @param validation the validation, or null when skipped
     * @param skipped    why the group was skipped, or null
     * @param rows       the group's rows
     */
    public record GroupValidation(String group, HeldOutValidation validation, String skipped, int rows) {
    }

    private static String heading(String column, String group) {
        return "[[" + column + "=" + group + "]]\n";
    }

    /** Each group's validation (or why it was skipped) under its heading. */
    public static String validationText(String column, List<GroupValidation> groups, String target) {
        StringBuilder o = new StringBuilder();
        for (GroupValidation g : groups) {
            o.append(heading(column, g.group()));
            if (g.validation() == null) {
                o.append("    skipped: ").append(g.skipped()).append(" (").append(g.rows()).append(" rows)\n");
            } else {
                o.append(ValidationDocuments.text(g.validation(), target));
            }
        }
        return o.toString();
    }

    /** The group column and each group's validation, or why it was skipped. */
    public static JsonObject validationJson(String column, List<GroupValidation> groups, String target) {
        JsonObject root = new JsonObject();
        root.put("grouped_by", column);
        JsonArray out = root.putArray("groups");
        for (GroupValidation g : groups) {
            if (g.validation() == null) {
                out.addObject().put("group", g.group()).put("skipped", g.skipped());
            } else {
                out.addObject().put("group", g.group()).putAll(ValidationDocuments.json(g.validation(), target));
            }
        }
        return root;
    }

    /**
     * The validation of a joint fit (shared parameters): what the joint law names per group and
     * which indicator column is which group, then the validation.
     *
     * @param fitted the joint fit on the rows left in
     * @param groups every group, in the order of the indicator columns
     */
    public static String jointValidationText(HeldOutValidation v, String target, GroupedFit fitted, List<String> groups) {
        StringBuilder o = new StringBuilder();
        String column = fitted.groupColumn();
        o.append("[[Joint fit of ").append(fitted.fits().size()).append(" groups by ").append(column)
                .append(", shared ").append(String.join(", ", fitted.shared())).append("]]\n");
        o.append("    each held-out row is predicted with its own group's parameters (named NAME_<group>)\n");
        o.append("    indicator columns:");
        for (int k = 0; k < groups.size(); k++) {
            o.append(k == 0 ? " " : ", ").append("in_group_").append(k).append(" = ").append(column).append('=')
                    .append(groups.get(k));
        }
        o.append('\n');
        o.append(ValidationDocuments.text(v, target));
        return o.toString();
    }

    /** The validation of a joint fit, with the group column and the shared parameters. */
    public static JsonObject jointValidationJson(HeldOutValidation v, String target, GroupedFit fitted) {
        JsonObject root = ValidationDocuments.json(v, target);
        root.put("grouped_by", fitted.groupColumn());
        root.putTexts("shared", fitted.shared());
        return root;
    }

    /** The bootstrap of a joint fit: which parameters are shared, how rows were resampled, then the bootstrap. */
    public static String jointBootstrapText(GroupedFit grouped, BootstrapResult b) {
        return "[[Joint fit of " + grouped.fits().size() + " groups by " + grouped.groupColumn() + ", shared "
                + String.join(", ", grouped.shared()) + "]]\n"
                + "    per-group parameters are named NAME_<group>; rows are resampled within each group\n"
                + BootstrapDocuments.text(b, null);
    }

    /** The bootstrap of a joint fit under {@code joint}, beside the group column. */
    public static JsonObject jointBootstrapJson(String column, BootstrapResult b) {
        JsonObject root = new JsonObject();
        root.put("grouped_by", column);
        root.put("joint", BootstrapDocuments.json(b, null));
        return root;
    }

    /** Each group's bootstrap under its heading, in the map's order. */
    public static String bootstrapText(String column, Map<String, BootstrapResult> groups) {
        StringBuilder o = new StringBuilder();
        groups.forEach((g, b) -> o.append(heading(column, g)).append(BootstrapDocuments.text(b, null)));
        return o.toString();
    }

    /** The group column and each group's bootstrap. */
    public static JsonObject bootstrapJson(String column, Map<String, BootstrapResult> groups) {
        JsonObject root = new JsonObject();
        root.put("grouped_by", column);
        JsonArray out = root.putArray("groups");
        groups.forEach((g, b) -> out.addObject().put("group", g).put("bootstrap", BootstrapDocuments.json(b, null)));
        return root;
    }

    /** Each group's sensitivity sweep under its heading, in the map's order. */
    public static String sensitivityText(String column, Map<String, SensitivityResult> groups) {
        StringBuilder o = new StringBuilder();
        groups.forEach((g, r) -> o.append(heading(column, g)).append(SensitivityDocuments.text(r)));
        return o.toString();
    }

    /** The group column and each group's sweep. */
    public static JsonObject sensitivityJson(String column, Map<String, SensitivityResult> groups) {
        JsonObject root = new JsonObject();
        root.put("grouped_by", column);
        JsonArray out = root.putArray("groups");
        groups.forEach((g, r) -> out.addObject().put("group", g).putAll(SensitivityDocuments.json(r)));
        return root;
    }

    /**
     * Points each predicted by their own group's fit: one object per point, keyed by the group
     * column, the variables and the target as the user named them.
     */
    public static JsonArray predictionJson(String column, String[] groups, List<String> variables, Dataset at,
                                           String target, double[] predicted) {
        JsonArray arr = new JsonArray();
        for (int i = 0; i < predicted.length; i++) {
            JsonObject n = JsonObject.ofNames();
            arr.add(n);
            n.put(column, groups[i]);
            for (String v : variables) {
                n.put(v, at.column(v)[i]);
            }
            n.put(target, predicted[i]);
        }
        return arr;
    }

    /** Points each predicted by their own group's fit, as an aligned table led by the group column. */
    public static String predictionText(String column, String[] groups, List<String> variables, Dataset at,
                                        String target, double[] predicted) {
        List<String> header = new ArrayList<>();
        header.add(column);
        header.addAll(variables);
        header.add(target);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            List<String> row = new ArrayList<>();
            row.add(groups[i]);
            for (String v : variables) {
                row.add(String.format(Locale.ROOT, "%.4g", at.column(v)[i]));
            }
            row.add(String.format(Locale.ROOT, "%.6f", predicted[i]));
            rows.add(row);
        }
        return new Table(header, rows).text();
    }
}
