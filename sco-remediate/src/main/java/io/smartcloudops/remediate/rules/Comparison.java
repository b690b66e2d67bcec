package io.smartcloudops.remediate.rules;

import java.util.Arrays;

/** The comparison operators of Prometheus' alerting expressions. */
public enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double left, double right) {
        return switch (this) {
            case GT -> left > right;
            case GE -> left >= right;
            case LT -> left < right;
            case LE -> left <= right;
            case EQ -> left == right;
            case NE -> left != right;
        };
    }

    /** Null when the text is no operator. */
    public static Comparison bySymbol(String text) {
        return Arrays.stream(values())
                .filter(c -> c.symbol.equals(text))
                .findFirst()
                .orElse(null);
    }
}
