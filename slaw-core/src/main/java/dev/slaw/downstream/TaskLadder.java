package dev.slaw.downstream;

import dev.slaw.data.Dataset;

/**
 * One task's measurements on a model ladder, ready for the steps of a {@link Chain}.
 *
 * @param task         the task's name
 * @param chance       accuracy by chance (a step-2 start: the sigmoid's floor)
 * @param lossData     one row per training run: {@code N}, {@code D}, the task loss {@code x} and
 *                     the accuracy {@code acc} (the protocol's summary of the run's last
 *                     checkpoints), and where the chain reads one, the upstream loss {@code u}
 * @param accuracyData one row per kept checkpoint: task loss {@code x}, accuracy {@code y} and
 *                     {@code run}, the index of the run in {@code lossData} (so a bootstrap can
 *                     resample runs in every step at once)
 * @param targetN      the target model's N
 * @param targetD      the target model's D
 * @param observedLoss the target model's task loss, as summarised for step 1
 * @param observedAccuracy the target model's accuracy, summarised the same way
 * @param observedUpstream the target model's upstream loss, NaN where the chain reads none
 */
public record TaskLadder(String task, double chance, Dataset lossData, Dataset accuracyData, double targetN,
                         double targetD, double observedLoss, double observedAccuracy, double observedUpstream) {
}
