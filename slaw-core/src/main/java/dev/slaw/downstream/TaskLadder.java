package dev.slaw.downstream;

import dev.slaw.data.Dataset;

/**
 * One task's measurements on a model ladder, ready for the two steps of a {@link Chain}.
 *
 * @param task         the task's name
 * @param chance       accuracy by chance (a step-2 start: the sigmoid's floor)
 * @param lossData     one row per training run: {@code N}, {@code D} and the task loss {@code x}
 *                     (the protocol's summary of the run's last checkpoints)
 * @param accuracyData one row per kept checkpoint: task loss {@code x}, accuracy {@code y} and
 *                     {@code run}, the index of the run in {@code lossData} (so a bootstrap can
 *                     resample runs in both steps at once)
 * @param targetN      the target model's N
 * @param targetD      the target model's D
 * @param observedLoss the target model's task loss, as summarised for step 1
 * @param observedAccuracy the target model's accuracy, summarised the same way
 */
public record TaskLadder(String task, double chance, Dataset lossData, Dataset accuracyData, double targetN,
                         double targetD, double observedLoss, double observedAccuracy) {
}
