package dev.slaw.schedule;

import dev.slaw.data.BadInputException;

/**
 * The schedules of the loss-curve collection published with the multi-power law (Luo et al.
 * 2025, "A Multi-Power Law for Loss Curve Prediction Across Learning Rate Schedules"): every run
 * warms up linearly from 0 over 2160 steps to a peak of 3e-4, then
 * <ul>
 *   <li>{@code cosine_T}: cosine to 3e-5 at step T;</li>
 *   <li>{@code constant_T}: 3e-4 (T is the run length);</li>
 *   <li>{@code wsd_D_T}: 3e-4 until D, then exponential decay to 3e-5 at T;</li>
 *   <li>{@code wsdld_D_T}: 3e-4 until D, then linear decay to 3e-5 at T;</li>
 *   <li>{@code wsdcon_X}: 3e-4 until step 8000, then X * 1e-5.</li>
 * </ul>
 */
final class MultipowerNames {
    static final int WARMUP = 2160;
    static final double PEAK = 3e-4;
    static final double END = 3e-5;
    static final int SECOND_STAGE = 8000;

    private MultipowerNames() {
    }

    static Schedule schedule(String fileName) {
        String name = fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        String[] parts = name.split("_");
        try {
            Schedule body = switch (parts[0]) {
                case "cosine" -> {
                    expectParts(name, parts, 2);
                    yield new CosineSchedule(PEAK, END, Integer.parseInt(parts[1]), WARMUP);
                }
                case "constant" -> {
                    expectParts(name, parts, 2);
                    Integer.parseInt(parts[1]);
                    yield new ConstantSchedule(PEAK);
                }
                case "wsd", "wsdld" -> {
                    expectParts(name, parts, 3);
                    yield new WarmupStableDecaySchedule(PEAK, END, Integer.parseInt(parts[1]),
                            Integer.parseInt(parts[2]), parts[0].equals("wsd")
                            ? WarmupStableDecaySchedule.Decay.EXPONENTIAL : WarmupStableDecaySchedule.Decay.LINEAR);
                }
                // X * 1e-5 as the reference code computes it (3 * 1e-5 is 3.0000000000000004e-5).
                case "wsdcon" -> {
                    expectParts(name, parts, 2);
                    yield new TwoStageSchedule(PEAK, Integer.parseInt(parts[1]) * 1e-5, SECOND_STAGE);
                }
                default -> throw new BadInputException("'" + fileName + "' is not a multi-power schedule name"
                        + " (cosine_T, constant_T, wsd_D_T, wsdld_D_T, wsdcon_X)");
            };
            return WarmupSchedule.of(WARMUP, WarmupSchedule.Shape.LINEAR, body);
        } catch (NumberFormatException e) {
            throw new BadInputException("'" + fileName + "': expected whole numbers of steps after '" + parts[0]
                    + "_'");
        } catch (IllegalArgumentException e) {
            throw new BadInputException("'" + fileName + "': " + e.getMessage());
        }
    }

    private static void expectParts(String name, String[] parts, int count) {
        if (parts.length != count) {
            throw new BadInputException("'" + name + "' should have " + (count - 1) + " number"
                    + (count == 2 ? "" : "s") + " after '" + parts[0] + "_'");
        }
    }
}
