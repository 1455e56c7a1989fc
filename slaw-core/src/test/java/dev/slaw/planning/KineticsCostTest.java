package dev.slaw.planning;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * Golden: the Kinetics cost (Sadhukhan et al. 2025, arXiv:2506.05333) reproduces the authors' own
 * numbers, cost_model/aime24/dense/aime24_qwen3-32b_dense_numTrials_tradeoff.csv of
 * Infini-AI-Lab/Kinetics @ e7765597, AIME24 query 0 on Qwen3-32B: eight sampled generation lengths,
 * the printed compute_cost and memory_cost (in 1e12 equivalent FLOPs, each the mean over the eight
 * lengths) for 1, 2, 4 and 8 trials. The prompt's length is not in the file; it is solved from the
 * one-trial compute cost (155 tokens) and then every memory cost, which shares the prompt's KV
 * between trials, must follow.
 */
class KineticsCostTest {
    /** Qwen3-32B as the authors count it: 32.76e9 parameters, 64 layers, 64 query and 8 KV heads of 128. */
    private static final double PARAMETERS = 32.76e9;
    private static final double[] LENGTHS = {10846, 9254, 11833, 6495, 8571, 10747, 10485, 9014};
    private static final double[] TRIALS = {1, 2, 4, 8};
    private static final double[] COMPUTE = {736.1271433578238, 1472.2542867156476, 2944.508573431295, 5889.01714686259};
    private static final double[] MEMORY = {7276.682345472, 14332.678815743999, 28444.671756288, 56668.657637376};

    @Test
    void reproducesTheAuthorsCostsForQwen3ThirtyTwoBOnAimeQueryZero() {
        double prompt = promptFromComputeCost();
        assertThat(prompt).isCloseTo(155, withPercentage(0.5));
        prompt = Math.rint(prompt);
        for (int t = 0; t < TRIALS.length; t++) {
            double compute = 0;
            double memory = 0;
            for (double g : LENGTHS) {
                KineticsCost k = new KineticsCost(64, 64, 8, 128, prompt, g, TRIALS[t], KineticsCost.B200_INTENSITY);
                compute += (2 * PARAMETERS + k.attentionPerToken()) * g * TRIALS[t];
                memory += k.intensity() * k.memoryPerToken() * g * TRIALS[t];
                assertThat(k.perPrompt(PARAMETERS)).isCloseTo((2 * PARAMETERS + k.attentionPerToken()
                        + k.intensity() * k.memoryPerToken()) * g * TRIALS[t], withPercentage(1e-9));
            }
            assertThat(compute / LENGTHS.length * 1e-12).as("compute, %s trials", TRIALS[t])
                    .isCloseTo(COMPUTE[t], withPercentage(1e-6));
            assertThat(memory / LENGTHS.length * 1e-12).as("memory, %s trials", TRIALS[t])
                    .isCloseTo(MEMORY[t], withPercentage(1e-6));
        }
    }

    /** The authors' memory cost dwarfs the parameters' compute at these lengths: the paper's point. */
    @Test
    void kvReadsOutweighTheParametersAtLongGenerations() {
        KineticsCost k = new KineticsCost(64, 64, 8, 128, 155, 16000, 1, KineticsCost.B200_INTENSITY);
        assertThat(k.intensity() * k.memoryPerToken()).isGreaterThan(10 * 2 * PARAMETERS);
    }

    /** The compute cost is linear in the prompt length: solve the one-trial mean for it. */
    private static double promptFromComputeCost() {
        double withoutPrompt = 0;
        double perPromptToken = 0;
        for (double g : LENGTHS) {
            withoutPrompt += 2 * PARAMETERS * g + 2 * g * g * 64 * 128 * 64;
            perPromptToken += 4 * g * 64 * 128 * 64;
        }
        return (COMPUTE[0] * 1e12 * LENGTHS.length - withoutPrompt) / perPromptToken;
    }
}
