package dev.slaw.law.expr;

/** The arithmetic of one graph operation on numbers. */
final class Scalar {
    private Scalar() {
    }

    static double apply(Graph.Op op, double x, double y) {
        switch (op) {
            case NEG:
                return -x;
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            case DIV:
                return x / y;
            case POW:
                return Math.pow(x, y);
            case EXP:
                return Math.exp(x);
            case LOG:
                return Math.log(x);
            case SQRT:
                return Math.sqrt(x);
            case ABS:
                return Math.abs(x);
            case SIGN:
                return Math.signum(x);
            case SIGMOID:
                return sigmoid(x);
            case SOFTPLUS:
                return softplus(x);
            case MIN:
                return Math.min(x, y);
            case MAX:
                return Math.max(x, y);
            case LT:
                return x < y ? 1 : 0;
            case LE:
                return x <= y ? 1 : 0;
            case GT:
                return x > y ? 1 : 0;
            case GE:
                return x >= y ? 1 : 0;
            case EQ:
                return x == y ? 1 : 0;
            case NE:
                return x != y ? 1 : 0;
            case AND:
                return x != 0 && y != 0 ? 1 : 0;
            case OR:
                return x != 0 || y != 0 ? 1 : 0;
            default:
                throw new IllegalStateException("not an arithmetic operation: " + op);
        }
    }

    /** Logistic function, stable for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x), stable for large |x|. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
