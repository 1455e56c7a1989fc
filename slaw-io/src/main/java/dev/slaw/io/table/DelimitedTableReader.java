package dev.slaw.io.table;

import dev.slaw.data.BadInputException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads CSV and TSV files (RFC 4180 quoting: fields in double quotes may hold the delimiter,
 * line breaks and doubled quotes) with a header row, streaming, into primitive columns.
 *
 * <p>The delimiter is the one of comma, tab, semicolon and bar that occurs most often in the
 * header outside quotes; on a tie, tab for {@code .tsv} files and comma otherwise. Rows are
 * numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2,
 * blank lines count but are skipped. A row with more fields than the header is accepted only
 * when the extra fields are empty (spreadsheet exports often end rows with a comma); a row with
 * fewer is an error, as are duplicate header names, a quote left open and text after a closing
 * quote. Blank header names become {@code column_N}, with a note.
 *
 * <p>This is a hand-written tokenizer rather than commons-csv because numbers are parsed
 * straight from the character buffer: a two-million-row checkpoint table makes no string per
 * numeric cell.
 */
public final class DelimitedTableReader {

    private static final int BUFFER = 1 << 16;
    private static final char[] CANDIDATES = {',', '\t', ';', '|'};

    private final Reader in;
    private final String source;
    private char delimiter;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;

    /** The current record: characters of all fields, field i spanning [ends[i-1], ends[i]). */
    private char[] record = new char[256];
    private int recordLength;
    private int[] ends = new int[64];
    private int fieldCount;

    /**
     * The longest record (or JSON line) read, in characters: a file with no line breaks (a
     * binary file, one huge JSON value named .csv or .jsonl) is refused with a message rather
     * than exhausting memory.
     */
    public static final int MAX_RECORD = 1 << 26;
    private int maxRecord = MAX_RECORD;
    private int currentRow;

    private DelimitedTableReader(Reader in, String source, char delimiter) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** Reads delimited text with a known delimiter and a smaller record limit (tests). */
    static RawTable read(Reader reader, String source, char delimiter, int maxRecord) throws IOException {
        DelimitedTableReader r = new DelimitedTableReader(reader, source, delimiter);
        r.maxRecord = maxRecord;
        return r.readTable();
    }

    private void checkRecordLength(long need) {
        if (need > maxRecord) {
            throw new BadInputException(source + ": row " + currentRow + " is longer than " + maxRecord
                    + " characters; is this a table with one row per line?");
        }
    }

    /**
     * Reads a delimited file.
     *
     * @param path   the file
     * @param source how to name it in messages (usually the path as the user typed it)
     */
    public static RawTable read(Path path, String source) {
        try (Reader reader = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
            DelimitedTableReader r = new DelimitedTableReader(reader, source, ',');
            r.fill();
            r.delimiter = detectDelimiter(r.buf, r.limit, path.getFileName() == null ? "" : path.getFileName().toString());
            return r.readTable();
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads delimited text with a known delimiter. */
    public static RawTable read(Reader reader, String source, char delimiter) throws IOException {
        return new DelimitedTableReader(reader, source, delimiter).readTable();
    }

    /**
     * Picks the delimiter from the first record of {@code head[0, n)}, outside quotes.
     *
     * @param fileName used to prefer tab for {@code .tsv}
     */
    static char detectDelimiter(char[] head, int n, String fileName) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        boolean seenText = false;
        for (int i = 0; i < n; i++) {
            char c = head[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (seenText) {
                    break;
                }
            } else if (!quoted) {
                seenText = true;
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        boolean tsv = fileName.toLowerCase(Locale.ROOT).endsWith(".tsv");
        int best = tsv ? 1 : 0;
        for (int k = 0; k < CANDIDATES.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES[best];
    }

    /** Fills the buffer as far as the input allows (for delimiter detection on the first chunk). */
    private void fill() throws IOException {
        while (limit < buf.length) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r <= 0) {
                eof = true;
                return;
            }
            limit += r;
        }
    }

    private RawTable readTable() throws IOException {
        int row = 0;
        List<String> notes = new ArrayList<>();
        String[] header = null;
        while (header == null) {
            if (!readRecord(row + 1)) {
                throw new BadInputException(source + ": empty file, expected a header row");
            }
            row++;
            if (!isBlankRecord()) {
                header = headerNames(row, notes);
            }
        }
        int columns = header.length;
        List<ColumnBuilder> builders = new ArrayList<>(columns);
        for (String name : header) {
            builders.add(new ColumnBuilder(name));
        }
        // where ';' separates fields, ',' is the decimal separator (3,370 is 3.37, never 3370)
        NumberParser parser = delimiter == ';' ? NumberParser.decimalComma() : new NumberParser();
        int[] rowNumbers = new int[1024];
        int rows = 0;
        while (readRecord(row + 1)) {
            row++;
            if (isBlankRecord()) {
                continue;
            }
            if (fieldCount < columns) {
                throw new BadInputException(source + ": row " + row + " has " + fieldCount
                        + (fieldCount == 1 ? " field" : " fields") + " but the header has " + columns
                        + " (no value for column " + Text.quote(header[fieldCount]) + ")");
            }
            for (int f = columns; f < fieldCount; f++) {
                if (!isBlank(f)) {
                    throw new BadInputException(source + ": row " + row + ", column " + (f + 1) + ": a value ("
                            + Text.quote(fieldText(f)) + ") beyond the " + columns + " columns of the header");
                }
            }
            int start = 0;
            for (int f = 0; f < columns; f++) {
                int end = ends[f];
                builders.get(f).add(record, start, end, row, parser);
                start = end;
            }
            if (rows == rowNumbers.length) {
                rowNumbers = Arrays.copyOf(rowNumbers, rows + (rows >> 1));
            }
            rowNumbers[rows++] = row;
        }
        return RawTable.of(source, builders, Arrays.copyOf(rowNumbers, rows), notes);
    }

    private String[] headerNames(int row, List<String> notes) {
        String[] names = new String[fieldCount];
        Map<String, Integer> seen = new HashMap<>();
        for (int f = 0; f < fieldCount; f++) {
            String name = fieldText(f).strip();
            if (f == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                name = "column_" + (f + 1);
                notes.add("column " + (f + 1) + " has no name in the header; it is called " + Text.quote(name));
            }
            Integer earlier = seen.putIfAbsent(name, f + 1);
            if (earlier != null) {
                throw new BadInputException(source + ": row " + row + ", column " + (f + 1)
                        + ": duplicate column name " + Text.quote(name) + " (also column " + earlier + ")");
            }
            names[f] = name;
        }
        // trailing unnamed columns that are only spreadsheet padding still get a name above;
        // they stay in the table as empty columns so nothing is dropped unseen
        return names;
    }

    private boolean isBlankRecord() {
        return fieldCount == 1 && recordLength == 0;
    }

    private boolean isBlank(int field) {
        int start = field == 0 ? 0 : ends[field - 1];
        for (int k = start; k < ends[field]; k++) {
            if (!Character.isWhitespace(record[k])) {
                return false;
            }
        }
        return true;
    }

    private String fieldText(int field) {
        int start = field == 0 ? 0 : ends[field - 1];
        return new String(record, start, ends[field] - start);
    }

    private int next() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            int r = in.read(buf, 0, buf.length);
            if (r <= 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            limit = r;
        }
        return buf[pos++];
    }

    /** Consumes a '\n' that follows a '\r'. */
    private void skipLineFeed() throws IOException {
        if (pos == limit && !eof) {
            int r = in.read(buf, 0, buf.length);
            if (r <= 0) {
                eof = true;
                return;
            }
            pos = 0;
            limit = r;
        }
        if (pos < limit && buf[pos] == '\n') {
            pos++;
        }
    }

    private void append(char c) {
        if (recordLength == record.length) {
            checkRecordLength(recordLength + 1L);
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[recordLength++] = c;
    }

    private void endField() {
        if (fieldCount == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[fieldCount++] = recordLength;
    }

    /**
     * Reads the next record into {@link #record}.
     *
     * @param row the row number it will have, for messages
     * @return false at the end of the input
     */
    private boolean readRecord(int row) throws IOException {
        currentRow = row;
        recordLength = 0;
        fieldCount = 0;
        boolean started = false;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            int c = next();
            if (quoted) {
                if (c == -1) {
                    throw new BadInputException(source + ": row " + row + ", column " + (fieldCount + 1)
                            + ": a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    quoted = false;
                    afterQuote = true;
                } else {
                    append((char) c);
                }
                continue;
            }
            if (c == -1) {
                if (!started) {
                    return false;
                }
                endField();
                return true;
            }
            started = true;
            if (c == delimiter) {
                endField();
                fieldStart = true;
                afterQuote = false;
            } else if (c == '\n') {
                endField();
                return true;
            } else if (c == '\r') {
                skipLineFeed();
                endField();
                return true;
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == '"' && afterQuote) {
                // a doubled quote inside a quoted field
                append('"');
                quoted = true;
                afterQuote = false;
            } else if (afterQuote) {
                if (c == ' ' || c == '\t') {
                    continue;
                }
                throw new BadInputException(source + ": row " + row + ", column " + (fieldCount + 1)
                        + ": text after the closing quote of a quoted field");
            } else {
                append((char) c);
                fieldStart = false;
                copyPlainRun();
            }
        }
    }

    /**
     * Copies the rest of an unquoted field straight from the input buffer, up to the next
     * delimiter, line break or quote: most characters of a large table pass through here, in
     * a loop the JIT compiles tightly, rather than one call of {@link #next()} each.
     */
    private void copyPlainRun() {
        int p = pos;
        int lim = limit;
        int need = recordLength + (lim - p);
        if (need > record.length) {
            record = Arrays.copyOf(record, Math.max(need, record.length * 2));
        }
        char[] b = buf;
        char[] r = record;
        int n = recordLength;
        char d = delimiter;
        while (p < lim) {
            char ch = b[p];
            if (ch == d || ch == '\n' || ch == '\r' || ch == '"') {
                break;
            }
            r[n++] = ch;
            p++;
        }
        pos = p;
        recordLength = n;
        checkRecordLength(n);
    }
}
