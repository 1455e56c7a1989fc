package dev.slaw.law.expr;

import dev.slaw.law.expr.Expression.Binary;
import dev.slaw.law.expr.Expression.Call;
import dev.slaw.law.expr.Expression.Name;
import dev.slaw.law.expr.Expression.Negation;
import dev.slaw.law.expr.Expression.Number;
import dev.slaw.law.expr.Expression.Operator;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A formula printed with numbers in place of its parameters, signs written the way a reader
 * writes them: {@code E - 13.02 * (x - 0.771)} and {@code x^-0.0377}, never {@code + -13.02}
 * or {@code x^--0.0377}. The work is done on the syntax tree, so every sign and precedence case
 * is right and the text parses back to the same function.
 */
public final class LawText {

    private LawText() {
    }

    /**
     * The formula (with its target, if any) with each named parameter replaced by its value.
     *
     * @param formula the law's formula
     * @param values  parameter values by name; names not in the map stay names
     * @param format  how a (non-negative) number is written, e.g. rounded to four digits
     */
    public static String withValues(Formula formula, Map<String, Double> values, DoubleFunction<String> format) {
        Expression e = normal(substitute(formula.expression(), values));
        return formula.target().map(t -> t + " = ").orElse("") + text(e, format);
    }

    private static Expression substitute(Expression e, Map<String, Double> values) {
        if (e instanceof Name n) {
            Double v = values.get(n.name());
            return v == null ? n : new Number(v);
        }
        if (e instanceof Negation n) {
            return new Negation(substitute(n.operand(), values));
        }
        if (e instanceof Binary b) {
            return new Binary(b.operator(), substitute(b.left(), values), substitute(b.right(), values));
        }
        if (e instanceof Call c) {
            return new Call(c.function(), c.arguments().stream().map(a -> substitute(a, values)).toList());
        }
        return e;
    }

    /** A term as a sign and a magnitude whose printed form starts with no minus sign. */
    private record Signed(boolean negative, Expression magnitude) {
    }

    /** The expression with signs pulled out of products and folded into sums. */
    private static Expression normal(Expression e) {
        Signed s = signed(e);
        return s.negative ? new Negation(s.magnitude) : s.magnitude;
    }

    private static Signed signed(Expression e) {
        if (e instanceof Number n) {
            // -0.0 is negative for the sign bit but prints as 0; keep it as a plain zero
            return n.value() < 0 ? new Signed(true, new Number(-n.value())) : new Signed(false, new Number(n.value() + 0.0));
        }
        if (e instanceof Negation n) {
            Signed s = signed(n.operand());
            return new Signed(!s.negative, s.magnitude);
        }
        if (e instanceof Binary b) {
            switch (b.operator()) {
                case MUL, DIV -> {
                    Signed l = signed(b.left());
                    Signed r = signed(b.right());
                    return new Signed(l.negative ^ r.negative, new Binary(b.operator(), l.magnitude, r.magnitude));
                }
                case ADD, SUB -> {
                    Expression l = normal(b.left());
                    Signed r = signed(b.right());
                    boolean minus = (b.operator() == Operator.SUB) ^ r.negative;
                    return new Signed(false, new Binary(minus ? Operator.SUB : Operator.ADD, l, r.magnitude));
                }
                default -> {
                    return new Signed(false, new Binary(b.operator(), normal(b.left()), normal(b.right())));
                }
            }
        }
        if (e instanceof Call c) {
            List<Expression> args = c.arguments().stream().map(LawText::normal).toList();
            return new Signed(false, new Call(c.function(), args));
        }
        return new Signed(false, e);
    }

    private static String text(Expression e, DoubleFunction<String> format) {
        if (e instanceof Number n) {
            return format.apply(n.value());
        }
        if (e instanceof Name n) {
            return n.toString();
        }
        if (e instanceof Negation n) {
            return "-" + wrap(n.operand(), 5, format);
        }
        if (e instanceof Binary b) {
            int p = b.operator().precedence;
            if (b.operator() == Operator.POW) {
                // x^-0.0377: the parser reads a signed exponent, so a negated number or name
                // needs no brackets; a negated sum or product keeps them
                String exponent = b.right() instanceof Negation n && (n.operand() instanceof Number || n.operand() instanceof Name)
                        ? text(b.right(), format) : wrap(b.right(), p, format);
                return wrap(b.left(), p + 1, format) + "^" + exponent;
            }
            return wrap(b.left(), p, format) + " " + b.operator().symbol + " " + wrap(b.right(), p + 1, format);
        }
        Call c = (Call) e;
        StringBuilder sb = new StringBuilder(c.function().symbol).append('(');
        for (int i = 0; i < c.arguments().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(text(c.arguments().get(i), format));
        }
        return sb.append(')').toString();
    }

    private static String wrap(Expression e, int precedence, DoubleFunction<String> format) {
        int own = 10;
        if (e instanceof Binary b) {
            own = b.operator().precedence;
        } else if (e instanceof Negation) {
            own = 5;
        }
        String s = text(e, format);
        return own < precedence ? "(" + s + ")" : s;
    }
}
