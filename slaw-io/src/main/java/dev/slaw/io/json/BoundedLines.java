package dev.slaw.io.json;

import dev.slaw.data.BadInputException;
import dev.slaw.io.table.DelimitedTableReader;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a JSON Lines file, each at most a given number of characters: {@code
 * BufferedReader.readLine} would gather a 1.2 GB file with no line break into one string
 * (4 GB of heap and a minute and a half before the parse fails), so a longer line is refused
 * as soon as it passes the limit. Line ends are {@code \n}, {@code \r\n} or {@code \r}.
 */
final class BoundedLines {
    private final Reader in;
    private final String source;
    private final int maxLine;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private int lineNumber;
    private boolean afterCarriageReturn;

    /**
     * @param in      the text
     * @param source  how messages name the file
     * @param maxLine the longest line read, in characters
     */
    BoundedLines(Reader in, String source, int maxLine) {
        this.in = in;
        this.source = source;
        this.maxLine = maxLine;
    }

    /** Lines read from a file, at most {@link DelimitedTableReader#MAX_RECORD} characters each. */
    BoundedLines(Reader in, String source) {
        this(in, source, DelimitedTableReader.MAX_RECORD);
    }

    /** The 1-based number of the line last returned. */
    int lineNumber() {
        return lineNumber;
    }

    /** The next line without its end, or null at the end of the text. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line == null) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line == null) {
                line = new StringBuilder(Math.min(pos - start + 16, 1 << 12));
            }
            if ((long) line.length() + (pos - start) > maxLine) {
                throw new BadInputException(source + ": row " + (lineNumber + 1) + " is longer than " + maxLine
                        + " characters; JSON Lines holds one object per line");
            }
            line.append(buf, start, pos - start);
            if (pos < limit) {
                afterCarriageReturn = buf[pos] == '\r';
                pos++;
                lineNumber++;
                return line.toString();
            }
        }
    }
}
