package dev.slaw.law.expr;

import dev.slaw.law.Numbers;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The syntax tree of a formula in the law language. Printing an expression gives text that
 * parses back to the same tree.
 */
public sealed interface Expression {

    /** A literal number such as {@code 1e-3}. */
    record Number(double value) implements Expression {
        @Override
        public String toString() {
            return value < 0 ? "(" + Numbers.compact(value) + ")" : Numbers.compact(value);
        }
    }

    /** A variable (a data column) or a parameter; which one is decided when a law is bound. */
    record Name(String name) implements Expression {
        @Override
        public String toString() {
            return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? name : "`" + name + "`";
        }
    }

    /**
     * A text literal such as {@code "test"}, allowed only as one side of {@code ==} or
     * {@code !=} whose other side names a text column: {@code split == "test"}.
     */
    record Text(String value) implements Expression {
        @Override
        public String toString() {
            return value.indexOf('"') < 0 ? "\"" + value + "\"" : "'" + value + "'";
        }
    }

    /** Unary minus. */
    record Negation(Expression operand) implements Expression {
        @Override
        public String toString() {
            return "-" + wrap(operand, 5);
        }
    }

    /** A binary operation. */
    record Binary(Operator operator, Expression left, Expression right) implements Expression {
        @Override
        public String toString() {
            int p = operator.precedence;
            if (operator == Operator.POW) {
                // right-associative: parenthesise a power on the left, not on the right
                return wrap(left, p + 1) + "^" + wrap(right, p);
            }
            return wrap(left, p) + " " + operator.symbol + " " + wrap(right, p + 1);
        }
    }

    /** A call of a built-in function. */
    record Call(Function function, List<Expression> arguments) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String toString() {
            return function.symbol + "(" + arguments.stream().map(Object::toString).collect(Collectors.joining(", "))
                    + ")";
        }
    }

    /** Binary operators, loosest first, with the precedence the parser gives them. */
    enum Operator {
        OR("||", 1), AND("&&", 2),
        LT("<", 3), LE("<=", 3), GT(">", 3), GE(">=", 3), EQ("==", 3), NE("!=", 3),
        ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5), POW("^", 7);

        final String symbol;
        final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }
    }

    /** Functions of the law language. */
    enum Function {
        EXP("exp", 1), LOG("log", 1), LOG10("log10", 1), SQRT("sqrt", 1), POW("pow", 2), MIN("min", -2),
        MAX("max", -2), ABS("abs", 1), SIGMOID("sigmoid", 1), SOFTPLUS("softplus", 1);

        final String symbol;
        /** Exact arity, or minus the least arity for variadic functions. */
        final int arity;

        Function(String symbol, int arity) {
            this.symbol = symbol;
            this.arity = arity;
        }

        static Function named(String name) {
            for (Function f : values()) {
                if (f.symbol.equals(name)) {
                    return f;
                }
            }
            return null;
        }

        static String known() {
            StringBuilder sb = new StringBuilder();
            for (Function f : values()) {
                sb.append(sb.length() == 0 ? "" : " ").append(f.symbol);
            }
            return sb.toString();
        }
    }

    private static String wrap(Expression e, int precedence) {
        int own = 10;
        if (e instanceof Binary b) {
            own = b.operator().precedence;
        } else if (e instanceof Negation) {
            own = 5;
        }
        return own < precedence ? "(" + e + ")" : e.toString();
    }
}
