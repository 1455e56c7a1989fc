package dev.slaw.cli;

import dev.slaw.curve.CurveFit;
import dev.slaw.curve.CurveLaw;
import dev.slaw.curve.CurveMetrics;

import java.util.Map;

/** Flat JSON renderings of curve fits and predicted curves (no library needed for these shapes). */
final class Json {
    private Json() {
    }

    static String fit(CurveFit fit) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"law\":").append(string(fit.law().name())).append(',');
        b.append("\"formula\":").append(string(fit.law().formula())).append(',');
        b.append("\"parameters\":").append(numbers(fit.valueMap())).append(',');
        b.append("\"objective\":").append(number(fit.objective())).append(',');
        b.append("\"rows\":").append(fit.rows()).append(',');
        b.append("\"iterations\":").append(fit.iterations()).append(',');
        b.append("\"evaluations\":").append(fit.evaluations()).append(',');
        b.append("\"schedules\":{");
        int i = 0;
        for (Map.Entry<String, dev.slaw.schedule.Schedule> e : fit.law().schedules().entrySet()) {
            b.append(i++ == 0 ? "" : ",").append(string(e.getKey())).append(':').append(string(e.getValue().toString()));
        }
        b.append("},\"runs\":{");
        i = 0;
        for (Map.Entry<String, CurveMetrics> e : fit.runs().entrySet()) {
            CurveMetrics m = e.getValue();
            b.append(i++ == 0 ? "" : ",").append(string(e.getKey())).append(":{\"points\":").append(m.points())
                    .append(",\"r_squared\":").append(number(m.rSquared()))
                    .append(",\"mean_absolute_error\":").append(number(m.meanAbsoluteError()))
                    .append(",\"mean_relative_error\":").append(number(m.meanRelativeError()))
                    .append(",\"worst_relative_error\":").append(number(m.worstRelativeError())).append('}');
        }
        b.append("},\"options\":").append(string(fit.options().describe())).append(",\"notes\":[");
        for (int k = 0; k < fit.notes().size(); k++) {
            b.append(k == 0 ? "" : ",").append(string(fit.notes().get(k)));
        }
        return b.append("]}").toString();
    }

    static String curves(CurveLaw law, double[] parameters, Map<String, double[][]> curves) {
        StringBuilder b = new StringBuilder("{\"law\":").append(string(law.name())).append(",\"parameters\":{");
        for (int j = 0; j < parameters.length; j++) {
            b.append(j == 0 ? "" : ",").append(string(law.parameters().get(j).name())).append(':')
                    .append(number(parameters[j]));
        }
        b.append("},\"curves\":[");
        int i = 0;
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            double[][] c = e.getValue();
            b.append(i++ == 0 ? "" : ",").append("{\"schedule\":").append(string(e.getKey()))
                    .append(",\"final_loss\":").append(number(c[2][c[2].length - 1])).append(",\"points\":[");
            for (int k = 0; k < c[0].length; k++) {
                b.append(k == 0 ? "" : ",").append("{\"step\":").append((long) c[0][k]).append(",\"lr\":")
                        .append(number(c[1][k])).append(",\"loss\":").append(number(c[2][k])).append('}');
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    private static String numbers(Map<String, Double> values) {
        StringBuilder b = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            b.append(i++ == 0 ? "" : ",").append(string(e.getKey())).append(':').append(number(e.getValue()));
        }
        return b.append('}').toString();
    }

    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
