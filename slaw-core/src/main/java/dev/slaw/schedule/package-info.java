/**
 * Learning-rate schedules as immutable values.
 *
 * <p>A {@link dev.slaw.schedule.Schedule} gives the learning rate of each optimiser step
 * ({@code lrAt(step)}, steps counted from 0) and materialises rates and their prefix sums in
 * one pass ({@link dev.slaw.schedule.Schedule#profile(int)}), which is what the loss-curve laws
 * of {@code dev.slaw.curve} consume. Every schedule has a compact text form, e.g.
 * {@code warmup(2160)+cosine(peak=3e-4, end=3e-5, total=24000)}, that
 * {@link dev.slaw.schedule.Schedule#parse(String)} reads and {@code toString()} prints back.
 */
package dev.slaw.schedule;
