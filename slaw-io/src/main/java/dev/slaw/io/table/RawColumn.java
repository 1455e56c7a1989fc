package dev.slaw.io.table;

import dev.slaw.data.BadInputException;

/**
 * One column of a table as read, before any mapping: numeric when every non-empty cell is a
 * number, text otherwise.
 *
 * <p>A text column remembers its first cell that is not a number, so that using it as a number
 * fails with a message naming that row and cell. Arrays are shared, not copied: a raw column
 * lives only between a reader and the loader, which copies into a {@link dev.slaw.data.Dataset}.
 *
 * @param name          the header name
 * @param numbers       the values (NaN where missing) when numeric, else null
 * @param texts         the cells as written when the column is text, else null
 * @param numericCells  how many cells held a number
 * @param missingCells  how many cells were empty or a missing-value placeholder
 * @param firstTextRow  the source row of the first cell that is not a number, or 0
 * @param firstText     that cell, or null
 */
public record RawColumn(String name, double[] numbers, String[] texts, int numericCells, int missingCells,
                        int firstTextRow, String firstText) {

    public boolean isNumeric() {
        return texts == null;
    }

    public int size() {
        return numbers != null ? numbers.length : texts.length;
    }

    /**
     * The values of a numeric column; for a text column, a {@link BadInputException} naming its
     * first cell that is not a number.
     *
     * @param source where the table came from, for the message
     */
    public double[] numbersOrFail(String source) {
        if (numbers != null) {
            return numbers;
        }
        throw new BadInputException(source + ": row " + firstTextRow + ", column " + Text.quote(name) + ": "
                + Text.quote(firstText) + " is not a number");
    }

    /** The cells as text: written form for text columns, a canonical form of numbers otherwise. */
    public String[] textsOrFormat() {
        if (texts != null) {
            return texts;
        }
        String[] out = new String[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            out[i] = NumberFormat.canonical(numbers[i]);
        }
        return out;
    }

    /** A one-line description of a mixed column (numbers and text), or null when it is not mixed. */
    public String mixedNote() {
        if (texts == null || numericCells == 0) {
            return null;
        }
        int textCells = texts.length - numericCells - missingCells;
        return "column " + Text.quote(name) + " has " + numericCells + " numbers and " + textCells
                + " text cells (first at row " + firstTextRow + ": " + Text.quote(firstText) + "), so it is kept as text";
    }
}
