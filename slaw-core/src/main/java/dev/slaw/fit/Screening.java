package dev.slaw.fit;

import dev.slaw.data.BadInputException;

/**
 * How a multi-start fit of a large table spends its time. Each start of a grid costs a local
 * optimisation over every row: 4,500 starts on two million rows is hours. On a table of more than
 * {@code aboveRows} rows every start therefore runs first on a seeded sample of
 * {@code sampleRows} rows (the smallest and largest value of each column the fit reads, and an
 * even draw of the rest), which is enough to rank them; then the local optimiser runs again on
 * every row from the starts of the best {@code refined} distinct optima of that screen, and
 * the lowest of those is the fit. Again from the start, not from where it ended on the sample:
 * a sample can end a start in a valley (E near 0) that the whole table leads out of, and a
 * start run on every row is exactly the run an unscreened fit makes of it. The fit's starts and provenance say so. Smaller tables are fitted
 * from every start on every row, as before.
 *
 * @param sampleRows rows each start is screened on
 * @param aboveRows  tables of more rows than this are screened
 * @param refined    most starts run again on every row (those of the best distinct optima of the screen)
 */
public record Screening(int sampleRows, int aboveRows, int refined) {
    /**
     * Screen tables of more than 32,768 rows on 2,048 of them and run the best 2 starts on all
     * rows. A start costs about 17 ns per row and evaluation on the Chinchilla law (some 60
     * evaluations a start), so the screen of its 4,500 starts is about 10 s of CPU whatever the
     * table's size; every start on 32,768 rows would be about 160 s. On 2 million rows a run
     * costs 5-10 s of CPU (its columns no longer fit in the caches): two runs are one round on
     * two cores, four were two rounds and took the report past 30 s. Two thousand rows with
     * their extremes rank the grid's starts; the runs on every row then decide.
     */
    public static final Screening DEFAULT = new Screening(2_048, 32_768, 2);
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
    String describe(int rows, int startsRun, String columns) {
        return String.format(java.util.Locale.ROOT,
                "starts screened on %,d of %,d rows (the extremes of %s and an even draw of the rest);"
                        + " the best %d then run on all rows", sampleRows, rows, columns, startsRun);
    }
}
