package dev.slaw.io.table;

import java.util.Arrays;

/**
 * Grows one column while a reader streams rows. It stays numeric (a primitive {@code double[]})
 * until a cell is neither a number nor missing; from then on it keeps text, rewriting the
 * numbers already seen in their canonical form. Repeated text (run ids, model families) is
 * shared through a bounded open-addressing table so a two-million-row run column holds a few
 * thousand strings, not two million.
 */
public final class ColumnBuilder {

    private static final int CACHE_LIMIT = 100_000;

    private final String name;
    private double[] numbers = new double[256];
    private String[] texts;
    private String[] shared = new String[64];
    private int sharedCount;
    private int size;
    private int numericCells;
    private int missingCells;
    private int firstTextRow;
    private String firstText;

    public ColumnBuilder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    /**
     * Adds the cell {@code chars[from, to)} of source row {@code row}.
     *
     * @param parser the reader's number parser
     */
    public void add(char[] chars, int from, int to, int row, NumberParser parser) {
        int kind = parser.parse(chars, from, to);
        if (kind == NumberParser.NUMBER) {
            numericCells++;
            if (texts == null) {
                appendNumber(parser.value());
                return;
            }
        } else if (kind == NumberParser.MISSING) {
            missingCells++;
            if (texts == null) {
                appendNumber(Double.NaN);
                return;
            }
        } else if (texts == null) {
            switchToText(text(chars, from, to), row);
        }
        appendText(text(chars, from, to));
    }

    /** Adds a cell given as text (from JSON or a database), parsed like a CSV cell. */
    public void addText(String text, int row, NumberParser parser) {
        char[] chars = text.toCharArray();
        add(chars, 0, chars.length, row, parser);
    }

    /** Adds a cell that is already a number. */
    public void addNumber(double value) {
        if (Double.isNaN(value)) {
            addMissing();
            return;
        }
        numericCells++;
        if (texts == null) {
            appendNumber(value);
        } else {
            appendText(intern(NumberFormat.canonical(value)));
        }
    }

    /** Adds an empty cell. */
    public void addMissing() {
        missingCells++;
        if (texts == null) {
            appendNumber(Double.NaN);
        } else {
            appendText("");
        }
    }

    /** Pads with empty cells until the column holds {@code rows} cells. */
    public void padTo(int rows) {
        while (size < rows) {
            addMissing();
        }
    }

    public RawColumn build() {
        if (texts == null) {
            return new RawColumn(name, Arrays.copyOf(numbers, size), null, numericCells, missingCells, 0, null);
        }
        return new RawColumn(name, null, Arrays.copyOf(texts, size), numericCells, missingCells, firstTextRow,
                firstText);
    }

    private void appendNumber(double v) {
        if (size == numbers.length) {
            numbers = Arrays.copyOf(numbers, size + (size >> 1) + 16);
        }
        numbers[size++] = v;
    }

    /** Appends a cell already shared through {@link #intern} or {@link #text}. */
    private void appendText(String text) {
        if (size == texts.length) {
            texts = Arrays.copyOf(texts, size + (size >> 1) + 16);
        }
        texts[size++] = text;
    }

    /**
     * The cell without surrounding blanks, as a string shared with earlier equal cells: the
     * lookup hashes the characters in place, so a repeated run id costs no allocation.
     */
    private String text(char[] chars, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int mask = shared.length - 1;
        int slot = (hash ^ hash >>> 16) & mask;
        int length = end - start;
        while (shared[slot] != null) {
            String candidate = shared[slot];
            if (candidate.length() == length && sameChars(candidate, chars, start)) {
                return candidate;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(chars, start, length);
        if (sharedCount < CACHE_LIMIT) {
            shared[slot] = s;
            if (++sharedCount * 2 > shared.length) {
                rehash();
            }
        }
        return s;
    }

    /** The string shared with earlier equal cells (String's hash is the same polynomial as above). */
    private String intern(String text) {
        int hash = text.hashCode();
        int mask = shared.length - 1;
        int slot = (hash ^ hash >>> 16) & mask;
        while (shared[slot] != null) {
            if (shared[slot].equals(text)) {
                return shared[slot];
            }
            slot = (slot + 1) & mask;
        }
        if (sharedCount < CACHE_LIMIT) {
            shared[slot] = text;
            if (++sharedCount * 2 > shared.length) {
                rehash();
            }
        }
        return text;
    }

    private static boolean sameChars(String s, char[] chars, int start) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        String[] old = shared;
        shared = new String[old.length * 2];
        int mask = shared.length - 1;
        for (String s : old) {
            if (s != null) {
                int h = s.hashCode();
                int slot = (h ^ h >>> 16) & mask;
                while (shared[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                shared[slot] = s;
            }
        }
    }

    private void switchToText(String text, int row) {
        firstTextRow = row;
        firstText = text;
        texts = new String[Math.max(16, numbers.length)];
        int n = size;
        size = 0;
        for (int i = 0; i < n; i++) {
            appendText(intern(NumberFormat.canonical(numbers[i])));
        }
        numbers = null;
    }
}
