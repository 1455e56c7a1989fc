package dev.slaw.planning;

import java.util.List;

/**
 * The compute-optimal vocabulary for a model and a budget (Tao et al. 2024).
 *
 * @param computeFlops            budget C = 6 (N_nv + N_v) D, FLOPs
 * @param nonVocabularyParameters N_nv, held fixed
 * @param embeddingWidth          d, held fixed
 * @param vocabularySize          V of least loss
 * @param vocabularyParameters    N_v = V d
 * @param tokenCount              D the budget leaves
 * @param loss                    predicted (unigram-normalised) loss
 * @param warnings                what a reader should know
 */
public record VocabularyPlan(double computeFlops, double nonVocabularyParameters, double embeddingWidth,
                             double vocabularySize, double vocabularyParameters, double tokenCount, double loss,
                             List<String> warnings) {
    public VocabularyPlan {
        warnings = List.copyOf(warnings);
    }
}
