package dev.slaw.cli;

import dev.slaw.data.BadInputException;
import dev.slaw.io.document.MoeDocuments;
import dev.slaw.planning.FineGrainedMoe;
import dev.slaw.planning.JointMoe;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code slaw plan --moe granularity|experts --compute F}: the compute-optimal granularity of a
 * fine-grained MoE (Krajewski et al. 2024) or the best expert count, with a memory budget
 * (Ludziejewski et al. 2025), from the papers' published constants; kept beside PlanCommand.
 */
final class MoePlanning {
    /** Expert counts tried by default: the paper's 1 to 32, and 64 to 256 beyond them (flagged when chosen). */
    private static final List<Double> EXPERTS = List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0);

    private MoePlanning() {
    }

    static void run(PlanCommand c, List<Double> budgets, TableOutput output) {
        boolean granularity = "granularity".equals(c.moe);
        if (!granularity && !"experts".equals(c.moe)) {
            throw new BadInputException("--moe takes granularity (Krajewski et al. 2024: N, D and G) or experts"
                    + " (Ludziejewski et al. 2025: the expert count), not " + c.moe);
        }
        if (budgets.size() != 1) {
            throw new BadInputException("the MoE plan needs one --compute budget in FLOPs");
        }
        if (c.fitFile != null || c.lawName != null || !c.settings.isEmpty() || c.frontier != null
                || c.targetLoss != null || c.uniqueTokens != null || !c.inferenceTokens.isEmpty()
                || c.replicatesFile != null || c.nonVocabularyParameters != null || c.embeddingWidth != null
                || c.plot.requested()) {
            throw new BadInputException("the MoE plan takes --compute, and --total-parameters and --experts with"
                    + " --moe experts; it plans from the papers' published constants");
        }
        double flops = budgets.get(0);
        if (granularity) {
            if (c.moeTotalParameters != null || c.moeExperts != null) {
                throw new BadInputException("--total-parameters and --experts belong to --moe experts");
            }
            FineGrainedMoe.Plan plan = FineGrainedMoe.krajewski().at(flops, 256);
            output.print(() -> MoeDocuments.granularityCsv(plan), () -> MoeDocuments.granularityJson(plan),
                    () -> MoeDocuments.granularityText(plan));
            return;
        }
        double memory = c.moeTotalParameters == null ? Double.NaN
                : Assignments.number(c.moeTotalParameters, "--total-parameters");
        List<Double> experts = EXPERTS;
        if (c.moeExperts != null) {
            experts = new ArrayList<>();
            for (String e : c.moeExperts.split(",")) {
                experts.add(Assignments.number(e.strip(), "--experts"));
            }
        }
        JointMoe.Plan plan = JointMoe.ludziejewski().at(flops, memory, experts);
        output.print(() -> MoeDocuments.expertsCsv(plan), () -> MoeDocuments.expertsJson(plan),
                () -> MoeDocuments.expertsText(plan));
    }
}
