package dev.slaw.law.expr;

import dev.slaw.data.BadInputException;
import dev.slaw.law.expr.Expression.Binary;
import dev.slaw.law.expr.Expression.Call;
import dev.slaw.law.expr.Expression.Function;
import dev.slaw.law.expr.Expression.Name;
import dev.slaw.law.expr.Expression.Negation;
import dev.slaw.law.expr.Expression.Operator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser of the law language.
 *
 * <pre>
 * formula    := [name '='] or
 * or         := and ('||' and)*
 * and        := comparison ('&amp;&amp;' comparison)*
 * comparison := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)*
 * sum        := product (('+' | '-') product)*
 * product    := unary (('*' | '/') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary (('^' | '**') unary)?        right-associative: 2^-x^2 = 2^(-(x^2))
 * primary    := number | name | name '(' or (',' or)* ')' | name '[' column ']' | '(' or ')' | '`' any text '`' | text
 * text       := '"' any text '"' | "'" any text "'"
 * </pre>
 *
 * A text literal may only be compared to a name with {@code ==} or {@code !=}
 * ({@code split == "test"}, {@code family != 'llama'}); the name must then be a text column.
 *
 * {@code u[family]} names a parameter with one value per level of the text column {@code family}
 * (the name {@code u[family]}); a law binds its levels to the data it is fitted on.
 *
 * Names may be data columns whose header has spaces or brackets ({@code Training FLOP},
 * {@code FLOPs (1E21)}) when the caller passes the known column names, or any text in
 * backquotes.
 */
final class Parser {
    private final String text;
    private final List<String> knownNames;
    private int pos;
    private int nesting;
    /** The height of each operator node built so far; names and numbers have height 1. */
    private final Map<Expression, Integer> heights = new IdentityHashMap<>();

    /**
     * How deep a formula may nest, counting brackets, signs and chained operators alike. Everything
     * downstream (derivatives, the graph, printing) walks the tree recursively, so the bound keeps a
     * formula from exhausting the stack; laws of the literature nest about ten deep.
     */
    static final int MAX_NESTING = 200;

    Parser(String text, Collection<String> knownNames) {
        this.text = text;
        // longest first, so "Training FLOP" wins over "Training"
        List<String> names = new ArrayList<>();
        for (String n : knownNames) {
            if (!n.isEmpty() && !isPlainName(n)) {
                names.add(n);
            }
        }
        names.sort(Comparator.comparingInt(String::length).reversed());
        this.knownNames = names;
    }

    /** Parses a whole formula; returns the optional target name and the expression. */
    Formula parseFormula() {
        skipSpace();
        String target = null;
        int save = pos;
        if (pos < text.length() && isNameStart(text.charAt(pos))) {
            String name = readPlainName();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '=' && !(pos + 1 < text.length()
                    && text.charAt(pos + 1) == '=')) {
                pos++;
                target = name;
            } else {
                pos = save;
            }
        }
        Expression e = parseOr();
        skipSpace();
        if (pos < text.length()) {
            // a reader of SQL or Python writes `and`; say which spelling the law language uses
            String rest = text.substring(pos).toLowerCase(java.util.Locale.ROOT);
            String hint = rest.matches("(and|or|not)\\b.*")
                    ? "; conditions join with && and ||, and negate with !" : "";
            throw new BadInputException(error("expected an operator or the end of the formula").getMessage() + hint);
        }
        checkText(e, false);
        return new Formula(text, target, e);
    }

    /** Fails on a text literal anywhere but one side of == or != against a name. */
    private void checkText(Expression e, boolean comparedToName) {
        if (e instanceof Expression.Text t && !comparedToName) {
            throw new BadInputException("formula \"" + text + "\": text " + t
                    + " can only be compared to a column with == or !=, e.g. split == " + t);
        } else if (e instanceof Negation n) {
            checkText(n.operand(), false);
        } else if (e instanceof Binary b) {
            boolean equality = b.operator() == Operator.EQ || b.operator() == Operator.NE;
            checkText(b.left(), equality && b.right() instanceof Name);
            checkText(b.right(), equality && b.left() instanceof Name);
        } else if (e instanceof Call c) {
            for (Expression a : c.arguments()) {
                checkText(a, false);
            }
        }
    }

    private Expression parseOr() {
        Expression left = parseAnd();
        while (accept("||")) {
            left = binary(Operator.OR, left, parseAnd());
        }
        return left;
    }

    private Expression parseAnd() {
        Expression left = parseComparison();
        while (accept("&&")) {
            left = binary(Operator.AND, left, parseComparison());
        }
        return left;
    }

    private Expression parseComparison() {
        Expression left = parseSum();
        while (true) {
            Operator op;
            if (accept("<=")) {
                op = Operator.LE;
            } else if (accept(">=")) {
                op = Operator.GE;
            } else if (accept("==")) {
                op = Operator.EQ;
            } else if (accept("!=")) {
                op = Operator.NE;
            } else if (accept("<")) {
                op = Operator.LT;
            } else if (accept(">")) {
                op = Operator.GT;
            } else {
                return left;
            }
            left = binary(op, left, parseSum());
        }
    }

    private Expression parseSum() {
        Expression left = parseProduct();
        while (true) {
            if (accept("+")) {
                left = binary(Operator.ADD, left, parseProduct());
            } else if (accept("-")) {
                left = binary(Operator.SUB, left, parseProduct());
            } else {
                return left;
            }
        }
    }

    private Expression parseProduct() {
        Expression left = parseUnary();
        while (true) {
            if (peek("**")) {
                return left; // handled by parsePower; never reached since power binds tighter
            }
            if (accept("*")) {
                left = binary(Operator.MUL, left, parseUnary());
            } else if (accept("/")) {
                left = binary(Operator.DIV, left, parseUnary());
            } else {
                return left;
            }
        }
    }

    private Expression parseUnary() {
        // every nesting (brackets, arguments, signs, powers) passes here: bound it before the stack is
        if (++nesting > MAX_NESTING) {
            throw error("formula nested more than " + MAX_NESTING + " deep");
        }
        try {
            return parseUnaryUnbounded();
        } finally {
            nesting--;
        }
    }

    private Expression parseUnaryUnbounded() {
        if (accept("-")) {
            Expression operand = parseUnary();
            if (operand instanceof Expression.Number n) {
                return new Expression.Number(-n.value());
            }
            return sized(new Negation(operand), height(operand));
        }
        if (accept("+")) {
            return parseUnary();
        }
        return parsePower();
    }

    private Expression parsePower() {
        Expression base = parsePrimary();
        if (accept("^") || accept("**")) {
            return binary(Operator.POW, base, parseUnary());
        }
        return base;
    }

    private Expression parsePrimary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a number, a name or '('");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expression e = parseOr();
            expect(")");
            return e;
        }
        if (c == '`') {
            int close = text.indexOf('`', pos + 1);
            if (close < 0) {
                throw error("unclosed '`'");
            }
            String name = text.substring(pos + 1, close);
            if (name.isBlank()) {
                throw error("empty name between '`'");
            }
            pos = close + 1;
            return new Name(name);
        }
        if (c == '"' || c == '\'') {
            int close = text.indexOf(c, pos + 1);
            if (close < 0) {
                throw error("unclosed " + c);
            }
            String value = text.substring(pos + 1, close);
            pos = close + 1;
            return new Expression.Text(value);
        }
        if (Character.isDigit(c) || c == '.') {
            return readNumber();
        }
        for (String known : knownNames) {
            if (text.startsWith(known, pos)) {
                int end = pos + known.length();
                if (end >= text.length() || !isNamePart(text.charAt(end)) || !isNamePart(known.charAt(known.length() - 1))) {
                    pos = end;
                    return new Name(known);
                }
            }
        }
        if (isNameStart(c)) {
            int start = pos;
            String name = readPlainName();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                Function f = Function.named(name);
                if (f == null) {
                    pos = start;
                    throw error("unknown function '" + name + "' (known: " + Function.known() + ")");
                }
                pos++;
                List<Expression> args = new ArrayList<>();
                args.add(parseOr());
                while (accept(",")) {
                    args.add(parseOr());
                }
                expect(")");
                checkArity(f, args.size(), start);
                int h = 0;
                for (Expression a : args) {
                    h = Math.max(h, height(a));
                }
                return sized(new Call(f, args), h);
            }
            if (pos < text.length() && text.charAt(pos) == '[') {
                return new Name(name + "[" + readLevelColumn() + "]");
            }
            return new Name(name);
        }
        throw error("expected a number, a name or '('");
    }

    /** The text column of a per-level parameter, between the brackets of {@code u[family]}. */
    private String readLevelColumn() {
        pos++;
        skipSpace();
        String column;
        if (pos < text.length() && text.charAt(pos) == '`') {
            int close = text.indexOf('`', pos + 1);
            if (close < 0) {
                throw error("unclosed '`'");
            }
            column = text.substring(pos + 1, close);
            pos = close + 1;
        } else if (pos < text.length() && isNameStart(text.charAt(pos))) {
            column = readPlainName();
        } else {
            throw error("expected the name of a text column after '[' (as in u[family])");
        }
        if (column.isBlank() || column.indexOf(']') >= 0) {
            throw error("expected the name of a text column after '[' (as in u[family])");
        }
        expect("]");
        return column;
    }

    private void checkArity(Function f, int count, int at) {
        boolean ok = f.arity >= 0 ? count == f.arity : count >= -f.arity;
        if (!ok) {
            pos = at;
            String want = f.arity >= 0 ? f.arity + " argument" + (f.arity == 1 ? "" : "s")
                    : "at least " + (-f.arity) + " arguments";
            throw error(f.symbol + " takes " + want + ", got " + count);
        }
    }

    private Expression readNumber() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String s = text.substring(start, pos);
        try {
            return new Expression.Number(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + s + "' is not a number");
        }
    }

    private String readPlainName() {
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    static boolean isPlainName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean peek(String token) {
        skipSpace();
        return text.startsWith(token, pos);
    }

    private boolean accept(String token) {
        skipSpace();
        if (!text.startsWith(token, pos)) {
            return false;
        }
        // '*' must not swallow the first half of '**', nor '<' of '<='
        if (token.equals("*") && text.startsWith("**", pos)) {
            return false;
        }
        pos += token.length();
        return true;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Expression binary(Operator op, Expression left, Expression right) {
        return sized(new Binary(op, left, right), Math.max(height(left), height(right)));
    }

    private int height(Expression e) {
        return heights.getOrDefault(e, 1);
    }

    /** Records a node whose tallest child has {@code childHeight}; refuses one too deep. */
    private Expression sized(Expression node, int childHeight) {
        if (childHeight + 1 > MAX_NESTING) {
            throw error("formula nested more than " + MAX_NESTING + " deep");
        }
        heights.put(node, childHeight + 1);
        return node;
    }

    private BadInputException error(String what) {
        String found = pos >= text.length() ? "the end of the formula" : "'" + text.charAt(pos) + "'";
        String tail = what.startsWith("expected") ? " but found " + found : "";
        // a long formula is shown around the position, so the message stays one readable line
        String shown = text.length() <= 120 ? text
                : (pos > 60 ? "..." : "") + text.substring(Math.max(0, pos - 60), Math.min(text.length(), pos + 40))
                + (pos + 40 < text.length() ? "..." : "");
        return new BadInputException("formula \"" + shown + "\": at position " + (pos + 1) + ", " + what + tail);
    }
}
