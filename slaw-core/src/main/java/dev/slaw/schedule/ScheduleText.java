package dev.slaw.schedule;

import dev.slaw.data.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The compact text form of schedules: reading it with errors that name the position, and
 * printing it so that reading the print gives back an equal schedule.
 *
 * <pre>
 * schedule := term | warmup '+' term
 * term     := kind '(' [argument (',' argument)*] ')'
 * argument := [name '='] (number | word | "quoted text")
 * </pre>
 * Arguments may be given by position in the order each kind lists them.
 */
final class ScheduleText {
    private ScheduleText() {
    }

    /** The kinds, their arguments in positional order, and how to build them. */
    private static final Map<String, List<String>> ARGUMENTS = new LinkedHashMap<>();

    static {
        ARGUMENTS.put("constant", List.of("lr"));
        ARGUMENTS.put("cosine", List.of("peak", "end", "total", "start"));
        ARGUMENTS.put("linear", List.of("peak", "end", "total", "start"));
        ARGUMENTS.put("wsd", List.of("peak", "end", "decay", "total", "shape"));
        ARGUMENTS.put("twostage", List.of("peak", "low", "at"));
        ARGUMENTS.put("invsqrt", List.of("peak", "timescale", "start"));
        ARGUMENTS.put("values", List.of());
        ARGUMENTS.put("file", List.of("path"));
        ARGUMENTS.put("warmup", List.of("steps", "shape"));
    }

    // ---------------------------------------------------------------- printing

    static String format(Schedule schedule) {
        return format(schedule, 0);
    }

    /** @param impliedStart the decay start the parser assumes when {@code start=} is absent */
    private static String format(Schedule schedule, int impliedStart) {
        if (schedule instanceof ConstantSchedule c) {
            return "constant(" + number(c.lr()) + ")";
        }
        if (schedule instanceof CosineSchedule c) {
            return "cosine(peak=" + number(c.peak()) + ", end=" + number(c.end()) + ", total=" + c.total()
                    + (c.start() == impliedStart ? "" : ", start=" + c.start()) + ")";
        }
        if (schedule instanceof LinearDecaySchedule l) {
            return "linear(peak=" + number(l.peak()) + ", end=" + number(l.end()) + ", total=" + l.total()
                    + (l.start() == impliedStart ? "" : ", start=" + l.start()) + ")";
        }
        if (schedule instanceof WarmupStableDecaySchedule w) {
            return "wsd(peak=" + number(w.peak()) + ", end=" + number(w.end()) + ", decay=" + w.decay()
                    + ", total=" + w.total()
                    + (w.shape() == WarmupStableDecaySchedule.Decay.EXPONENTIAL ? "" : ", shape=" + w.shape().word())
                    + ")";
        }
        if (schedule instanceof TwoStageSchedule t) {
            return "twostage(peak=" + number(t.peak()) + ", low=" + number(t.low()) + ", at=" + t.at() + ")";
        }
        if (schedule instanceof InverseSqrtSchedule i) {
            return "invsqrt(peak=" + number(i.peak()) + ", timescale=" + number(i.timescale())
                    + (i.start() == impliedStart ? "" : ", start=" + i.start()) + ")";
        }
        if (schedule instanceof PerStepSchedule p) {
            if (p.source() != null) {
                return "file(" + quote(p.source()) + ")";
            }
            StringBuilder b = new StringBuilder("values(");
            double[] rates = p.rates();
            for (int i = 0; i < rates.length; i++) {
                b.append(i == 0 ? "" : ", ").append(number(rates[i]));
            }
            return b.append(')').toString();
        }
        if (schedule instanceof WarmupSchedule w) {
            return "warmup(" + w.steps() + (w.shape() == WarmupSchedule.Shape.LINEAR ? "" : ", shape="
                    + w.shape().word()) + ")+" + format(w.body(), w.steps());
        }
        throw new IllegalStateException("unknown schedule kind " + schedule.getClass());
    }

    /**
     * The shortest text that reads back as exactly {@code v}: integers without a point,
     * {@code 3e-4} rather than {@code 3.0E-4}.
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    // ---------------------------------------------------------------- reading

    static Schedule parse(String text, Function<String, double[]> fileReader) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("empty schedule: expected e.g. warmup(2160)+cosine(peak=3e-4, end=3e-5,"
                    + " total=24000)");
        }
        return new Reader(text, fileReader).schedule();
    }

    /** One argument as written. */
    private record Argument(String name, Object value, int position) {
    }

    /** A recursive-descent reader over the text; positions are 1-based columns. */
    private static final class Reader {
        private final String text;
        private final Function<String, double[]> fileReader;
        private int pos;

        Reader(String text, Function<String, double[]> fileReader) {
            this.text = text;
            this.fileReader = fileReader;
        }

        Schedule schedule() {
            skipSpace();
            int firstAt = pos;
            String kind = identifier();
            List<Argument> args = arguments(kind);
            Schedule result;
            if (kind.equals("warmup")) {
                skipSpace();
                if (!peek('+')) {
                    throw error(firstAt, "warmup(...) must be followed by '+' and the schedule it warms up to");
                }
                pos++;
                skipSpace();
                int bodyAt = pos;
                String bodyKind = identifier();
                if (bodyKind.equals("warmup")) {
                    throw error(bodyAt, "a warmup cannot be followed by another warmup");
                }
                List<Argument> bodyArgs = arguments(bodyKind);
                int steps = build(firstAt, () -> integer(args, "steps", null));
                Schedule body = build(bodyAt, () -> term(bodyKind, bodyArgs, steps));
                result = build(firstAt, () -> new WarmupSchedule(steps, warmupShape(args), body));
            } else {
                result = build(firstAt, () -> term(kind, args, 0));
            }
            skipSpace();
            if (pos < text.length()) {
                throw error(pos, peek('+') ? "only a warmup can be followed by '+'" : "unexpected '"
                        + text.charAt(pos) + "' after the schedule");
            }
            return result;
        }

        private Schedule term(String kind, List<Argument> args, int impliedStart) {
            switch (kind) {
                case "constant":
                    return new ConstantSchedule(number(args, "lr", null));
                case "cosine":
                    return new CosineSchedule(number(args, "peak", null), number(args, "end", 0.0),
                            integer(args, "total", null), integer(args, "start", impliedStart));
                case "linear":
                    return new LinearDecaySchedule(number(args, "peak", null), number(args, "end", 0.0),
                            integer(args, "total", null), integer(args, "start", impliedStart));
                case "wsd":
                    return new WarmupStableDecaySchedule(number(args, "peak", null), number(args, "end", null),
                            integer(args, "decay", null), integer(args, "total", null), decayShape(args));
                case "twostage":
                    return new TwoStageSchedule(number(args, "peak", null), number(args, "low", null),
                            integer(args, "at", null));
                case "invsqrt":
                    return new InverseSqrtSchedule(number(args, "peak", null), number(args, "timescale", null),
                            integer(args, "start", impliedStart));
                case "values":
                    return inlineValues(args);
                case "file":
                    return fromFile(args);
                default:
                    throw new IllegalStateException("kind checked when read: " + kind);
            }
        }

        private Schedule inlineValues(List<Argument> args) {
            double[] rates = new double[args.size()];
            for (int i = 0; i < rates.length; i++) {
                Argument a = args.get(i);
                if (a.name() != null || !(a.value() instanceof Double d)) {
                    throw error(a.position(), "values(...) takes learning rates only, e.g. values(3e-4, 2e-4)");
                }
                rates[i] = d;
            }
            return new PerStepSchedule(null, rates);
        }

        private Schedule fromFile(List<Argument> args) {
            Argument a = require(args, "path");
            String path = a.value() instanceof String s ? s : ScheduleText.number((Double) a.value());
            if (fileReader == null) {
                throw error(a.position(), "file(" + path + ") needs a file reader; per-step schedules from files"
                        + " are read by the command line");
            }
            double[] rates = fileReader.apply(path);
            return new PerStepSchedule(path, rates);
        }

        private WarmupSchedule.Shape warmupShape(List<Argument> args) {
            Argument a = find(args, "shape");
            if (a == null) {
                return WarmupSchedule.Shape.LINEAR;
            }
            for (WarmupSchedule.Shape s : WarmupSchedule.Shape.values()) {
                if (s.word().equals(a.value())) {
                    return s;
                }
            }
            throw error(a.position(), "warmup shape must be linear or constant, got " + a.value());
        }

        private WarmupStableDecaySchedule.Decay decayShape(List<Argument> args) {
            Argument a = find(args, "shape");
            if (a == null) {
                return WarmupStableDecaySchedule.Decay.EXPONENTIAL;
            }
            for (WarmupStableDecaySchedule.Decay d : WarmupStableDecaySchedule.Decay.values()) {
                if (d.word().equals(a.value())) {
                    return d;
                }
            }
            throw error(a.position(), "wsd shape must be exp or linear, got " + a.value());
        }

        private double number(List<Argument> args, String name, Double fallback) {
            Argument a = fallback == null ? require(args, name) : find(args, name);
            if (a == null) {
                return fallback;
            }
            if (!(a.value() instanceof Double d)) {
                throw error(a.position(), name + " must be a number, got " + a.value());
            }
            return d;
        }

        private int integer(List<Argument> args, String name, Integer fallback) {
            Argument a = fallback == null ? require(args, name) : find(args, name);
            if (a == null) {
                return fallback;
            }
            if (!(a.value() instanceof Double d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw error(a.position(), name + " must be a whole number of steps, got " + a.value());
            }
            return (int) d.doubleValue();
        }

        private Argument require(List<Argument> args, String name) {
            Argument a = find(args, name);
            if (a == null) {
                throw new Missing(name);
            }
            return a;
        }

        private static Argument find(List<Argument> args, String name) {
            for (Argument a : args) {
                if (name.equals(a.name())) {
                    return a;
                }
            }
            return null;
        }

        /** Reads {@code '(' arguments ')'} and names positional arguments. */
        private List<Argument> arguments(String kind) {
            int kindAt = pos - kind.length();
            List<String> names = ARGUMENTS.get(kind);
            if (names == null) {
                throw error(kindAt, "unknown schedule kind '" + kind + "' (known: "
                        + String.join(", ", ARGUMENTS.keySet()) + ")");
            }
            skipSpace();
            expect('(');
            List<Argument> args = new ArrayList<>();
            skipSpace();
            if (peek(')')) {
                pos++;
                return args;
            }
            boolean named = false;
            while (true) {
                skipSpace();
                int at = pos;
                String name = null;
                Object value;
                if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                    String word = identifier();
                    skipSpace();
                    if (peek('=')) {
                        pos++;
                        skipSpace();
                        name = word;
                        value = value();
                    } else {
                        value = word;
                    }
                } else {
                    value = value();
                }
                if (name == null) {
                    if (named) {
                        throw error(at, "positional argument after a named one");
                    }
                    if (!kind.equals("values")) {
                        if (args.size() >= names.size()) {
                            throw error(at, kind + " takes at most " + names.size() + " arguments ("
                                    + String.join(", ", names) + ")");
                        }
                        name = names.get(args.size());
                    }
                } else {
                    named = true;
                    if (!names.contains(name)) {
                        throw error(at, kind + " has no argument '" + name + "' (arguments: "
                                + (names.isEmpty() ? "none by name" : String.join(", ", names)) + ")");
                    }
                    if (find(args, name) != null) {
                        throw error(at, "argument '" + name + "' given twice");
                    }
                }
                args.add(new Argument(name, value, at));
                skipSpace();
                if (peek(',')) {
                    pos++;
                    continue;
                }
                expect(')');
                return args;
            }
        }

        private Object value() {
            if (pos >= text.length()) {
                throw error(pos, "expected a value but the text ended");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                return quoted();
            }
            if (Character.isLetter(c)) {
                return identifier();
            }
            int start = pos;
            if (c == '+' || c == '-') {
                pos++;
            }
            while (pos < text.length()) {
                char d = text.charAt(pos);
                if (Character.isDigit(d) || d == '.') {
                    pos++;
                } else if ((d == 'e' || d == 'E') && pos + 1 < text.length()) {
                    pos++;
                    if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
            String token = text.substring(start, pos);
            try {
                if (token.isEmpty()) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error(start, token.isEmpty() ? "expected a value, found '" + c + "'"
                        : "'" + token + "' is not a number");
            }
        }

        private String quoted() {
            int start = pos;
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                b.append(c);
            }
            throw error(start, "unterminated quoted text");
        }

        private String identifier() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error(start, pos < text.length() ? "expected a schedule kind or name, found '"
                        + text.charAt(pos) + "'" : "expected a schedule kind or name but the text ended");
            }
            return text.substring(start, pos);
        }

        private void expect(char c) {
            skipSpace();
            if (!peek(c)) {
                throw error(pos, "expected '" + c + "' " + (pos < text.length() ? "but found '" + text.charAt(pos)
                        + "'" : "but the text ended"));
            }
            pos++;
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        /** Builds a value, turning a constructor's complaint into an error at {@code at}. */
        private <T> T build(int at, java.util.function.Supplier<T> maker) {
            try {
                return maker.get();
            } catch (Missing m) {
                throw error(at, "missing argument '" + m.name + "'");
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }

        private BadInputException error(int at, String message) {
            return new BadInputException("schedule \"" + text + "\", position " + (at + 1) + ": " + message);
        }
    }

    /** A required argument is absent; reported at the term that lacks it. */
    private static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String name;

        Missing(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }
}
