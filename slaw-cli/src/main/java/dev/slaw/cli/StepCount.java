package dev.slaw.cli;

import dev.slaw.io.table.NumberParser;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A number of training steps as researchers write it: {@code 72000}, {@code 7.2e4} or {@code 72k}
 * (picocli's own integer converter refuses the last two).
 */
final class StepCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
        NumberParser p = new NumberParser();
        String s = text.strip();
        if (p.parse(s) != NumberParser.NUMBER || !Double.isFinite(p.value())) {
            throw new TypeConversionException("'" + s + "' is not a number of steps");
        }
        double v = p.value();
        if (v < 1 || v != Math.rint(v)) {
            throw new TypeConversionException("'" + s + "' is not a whole, positive number of steps");
        }
        if (v > CurveCommand.Predict.MAX_STEPS) {
            throw new TypeConversionException(s + " steps is more than slaw predicts (at most "
                    + CurveCommand.Predict.MAX_STEPS + "; language-model runs take up to a few million)");
        }
        return (int) v;
    }
}
