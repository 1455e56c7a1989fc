package dev.slaw.io.json;

import dev.slaw.data.BadInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLinesTest {

    @Provide
    Arbitrary<String> texts() {
        // line ends of every kind, runs of them, and chunks longer than the reader's buffer
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("\n", "\r", "\r\n", "\n\r", "{\"a\": 1}", ""),
                Arbitraries.strings().withChars("ab{}\":,1 \r\n").ofMaxLength(40),
                Arbitraries.strings().withChars("xy").ofMinLength(65_000).ofMaxLength(70_000));
        return piece.list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Property(tries = 200)
    void readsTheLinesBufferedReaderReads(@ForAll("texts") String text) throws IOException {
        List<String> expected = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                expected.add(line);
            }
        }
        List<String> read = new ArrayList<>();
        BoundedLines lines = new BoundedLines(new StringReader(text), "t.jsonl");
        for (String line = lines.next(); line != null; line = lines.next()) {
            read.add(line);
            assertThat(lines.lineNumber()).isEqualTo(read.size());
        }
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedBeforeItIsReadWhole() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("{\"a\": 1}\n" + "x".repeat(100) + "\n"), "runs.jsonl", 50);
        assertThat(lines.next()).isEqualTo("{\"a\": 1}");
        assertThatThrownBy(lines::next).isInstanceOf(BadInputException.class)
                .hasMessage("runs.jsonl: row 2 is longer than 50 characters; JSON Lines holds one object per line");
    }

    /** A 1.2 GB text with no line break: refused after reading the limit, not gathered into one string. */
    @Test
    void aGigabyteWithoutALineBreakIsRefusedAtTheLimit() {
        Reader endless = new Reader() {
            private long left = 1_200_000_000L;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(cbuf, off, off + n, 'a');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new BoundedLines(endless, "big.jsonl").next()).isInstanceOf(BadInputException.class)
                .hasMessage("big.jsonl: row 1 is longer than 67108864 characters; JSON Lines holds one object per line");
    }
}
