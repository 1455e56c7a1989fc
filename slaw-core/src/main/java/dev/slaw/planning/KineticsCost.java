package dev.slaw.planning;

import dev.slaw.data.BadInputException;

/**
 * The Kinetics cost of test-time generation (Sadhukhan et al. 2025, "Kinetics: Rethinking Test-Time
 * Scaling Laws", arXiv:2506.05333), as the authors' {@code dense_cost} computes it
 * (Infini-AI-Lab/Kinetics, cost_model/utils.py): for {@code trials} samples of {@code generated}
 * tokens after a shared prompt of {@code prompt} tokens,
 * compute = trials (2 N g + 2 (2 p + g) g H_q d L) and memory = 2 (2 p + g trials) g H_kv d L, in
 * equivalent FLOPs compute + I memory, I the hardware's arithmetic intensity (FLOPs per byte moved;
 * the authors use 562.5). Attention's compute and the KV-cache reads grow with the context, not with
 * N, so at long generations they, not the parameters, dominate: the reason Kinetics favours larger
 * models than a 2 N-per-token count does. Per generated token the cost is the total over g trials.
 * It is a cost model, not a loss law: it prices an inference workload (the Java API's
 * {@code perPrompt}); with the attention shape held, its attention and KV terms do not depend on N,
 * so an inference-aware N-and-D plan would not move with it (see docs/reference.md, section 12).
 *
 * @param layers     transformer layers L
 * @param queryHeads attention (query) heads H_q
 * @param kvHeads    key-value heads H_kv (H_q for multi-head attention, fewer with GQA)
 * @param headDim    dimension d of each head
 * @param prompt     prompt tokens p, shared by the trials (their KV read once per step)
 * @param generated  tokens g generated per trial
 * @param trials     samples drawn per prompt (best-of-N); 1 for one long chain of thought
 * @param intensity  arithmetic intensity I, FLOPs per byte of memory traffic
 */
public record KineticsCost(double layers, double queryHeads, double kvHeads, double headDim, double prompt,
                           double generated, double trials, double intensity) {
    /** The authors' arithmetic intensity (cost_model_ntrial.py, E_flops = 562.5: an NVIDIA B200). */
    public static final double B200_INTENSITY = 562.5;

    public KineticsCost {
        check("layers", layers, false);
        check("query heads", queryHeads, false);
        check("kv heads", kvHeads, false);
        check("head dim", headDim, false);
        check("prompt", prompt, true);
        check("generated", generated, false);
        check("trials", trials, false);
        check("intensity", intensity, true);
    }

    private static void check(String what, double v, boolean zeroAllowed) {
        if (!Double.isFinite(v) || v < 0 || (!zeroAllowed && v == 0)) {
            throw new BadInputException("Kinetics " + what + ": expected a " + (zeroAllowed ? "non-negative" : "positive")
                    + " number, got " + v);
        }
    }

    /** Attention's FLOPs per generated token: 2 (2 p + g) H_q d L, the same for every trial. */
    public double attentionPerToken() {
        return 2 * (2 * prompt + generated) * queryHeads * headDim * layers;
    }

    /** KV-cache bytes read per generated token: 2 (2 p / trials + g) H_kv d L, the prompt's shared by the trials. */
    public double memoryPerToken() {
        return 2 * (2 * prompt / trials + generated) * kvHeads * headDim * layers;
    }

    /** Equivalent FLOPs per generated token of a model of N parameters (compute plus I times memory). */
    public double perToken(double parameterCount) {
        return 2 * parameterCount + attentionPerToken() + intensity * memoryPerToken();
    }

    /** The authors' total for one prompt: trials x generated tokens at {@link #perToken}. */
    public double perPrompt(double parameterCount) {
        return perToken(parameterCount) * generated * trials;
    }
}
