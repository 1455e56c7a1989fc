package dev.slaw.fit;

import dev.slaw.data.BadInputException;

/**
 * How a multi-start fit of a large table spends its time. Each start of a grid costs a local
 * optimisation over every row: 4,500 starts on two million rows is hours. On a table of more than
 * {@code aboveRows} rows every start therefore runs first on a seeded sample of
 * {@code sampleRows} rows (the smallest and largest value of each column the fit reads, and an
 * even draw of the rest), which is enough to tell the basins apart; then the local optimiser
 * runs on every row from the best {@code refined} distinct optima of that screen, and the
 * lowest of those is the fit. The fit's starts and provenance say so. Smaller tables are fitted
 * from every start on every row, as before.
 *
 * @param sampleRows rows each start is screened on
 * @param aboveRows  tables of more rows than this are screened
 * @param refined    most screened optima refined on every row
 */
public record Screening(int sampleRows, int aboveRows, int refined) {
    /**
     * Screen tables of more than 32,768 rows on 4,096 of them and refine the best 4 optima. A
     * start costs about 17 ns per row and evaluation on the Chinchilla law, so the screen of
     * 4,500 starts is some 20 s of CPU whatever the table's size; every start on 32,768 rows
     * would be about 160 s.
     */
    public static final Screening DEFAULT = new Screening(4_096, 32_768, 4);
    /** Every start on every row, whatever the table's size. */
    public static final Screening NEVER = new Screening(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public Screening {
        if (sampleRows < 1 || refined < 1 || aboveRows < sampleRows) {
            throw new BadInputException("screening needs at least one sample row and one refined optimum, and a"
                    + " threshold of at least the sample, got " + sampleRows + " rows, " + refined + " optima, above "
                    + aboveRows + " rows");
        }
    }

    /** Whether a fit of {@code rows} rows from {@code starts} starts screens them first. */
    boolean applies(int rows, int starts) {
        return rows > aboveRows && starts > refined;
    }

    /** What the fit's starts and provenance say, e.g. "screened on 4,096 of 2,000,000 rows, ...". */
    String describe(int rows, int optimaRefined, String columns) {
        return String.format(java.util.Locale.ROOT,
                "starts screened on %,d of %,d rows (the extremes of %s and an even draw of the rest);"
                        + " the best %d optima then refined on all rows", sampleRows, rows, columns, optimaRefined);
    }
}
