package dev.slaw.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command examples of a Markdown page, under the convention the project's docs follow:
 * <ul>
 *   <li>a fenced block tagged {@code bash} holds commands that run, as written, from the
 *       repository root after {@code mvn -q -B package -DskipTests};</li>
 *   <li>a block tagged {@code bash no-run} is shown but never run (the text says why);</li>
 *   <li>a fenced block tagged {@code text} directly after a {@code bash} block (blank lines
 *       between at most) quotes that block's output: each of its lines must be a line of the
 *       real output, digit for digit (runs of spaces count as one); a line {@code ...} stands
 *       for lines left out, and {@code ...} inside a line for any text;</li>
 *   <li>a command anywhere else (a line starting with {@code ./slaw} or {@code slaw} in an
 *       indented or other fenced block) and a {@code text} block that follows no command are
 *       mistakes, since nothing would check them.</li>
 * </ul>
 * Only fences at the start of a line count; the page is read as it is, nothing rendered.
 */
final class MarkdownExamples {
    // as in CommonMark, a backtick fence's info string holds no backtick: "```` ```bash ```` ..."
    // starting a line is inline code, not a fence
    private static final Pattern FENCE = Pattern.compile("^```\\s*([^`\\s]*)\\s*([^`]*?)\\s*$");
    private static final Pattern CLOSING_FENCE = Pattern.compile("^```+\\s*$");
    private static final Pattern COMMAND = Pattern.compile("^\\s*(\\./slaw|slaw)\\s");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private MarkdownExamples() {
    }

    /**
     * A {@code bash} block.
     *
     * @param line     line of the opening fence (1-based)
     * @param script   the block's text, run by {@code bash -euo pipefail -c}
     * @param runs     false for {@code bash no-run}
     * @param expected the quoted output, if a {@code text} block follows
     */
    record Example(int line, String script, boolean runs, Optional<Quote> expected) {
    }

    /** A {@code text} block quoting output, and the line of its opening fence. */
    record Quote(int line, List<String> lines) {
    }

    /** A breach of the convention at a line of the page. */
    record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** A page's examples, its breaches of the convention and its relative link targets. */
    record Page(List<Example> examples, List<Problem> problems, List<String> links) {
    }

    /** Reads a page's text. */
    static Page parse(String text) {
        String[] lines = text.split("\n", -1);
        List<Example> examples = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> links = new ArrayList<>();
        // index into examples of the bash block a text block may still quote, or -1
        int quotable = -1;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank()) {
                    quotable = -1;
                }
                if (COMMAND.matcher(line).find() && line.startsWith("    ")) {
                    problems.add(new Problem(i + 1, "a command outside a ```bash block (nothing runs it): " + line.strip()));
                }
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    links.add(link.group(1));
                }
                i++;
                continue;
            }
            String language = fence.group(1);
            String modifiers = fence.group(2);
            int open = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !CLOSING_FENCE.matcher(lines[i]).matches()) {
                body.add(lines[i]);
                i++;
            }
            if (i == lines.length) {
                problems.add(new Problem(open + 1, "a ``` block that is never closed"));
                break;
            }
            i++;
            if (language.equals("bash")) {
                if (!modifiers.isEmpty() && !modifiers.equals("no-run")) {
                    problems.add(new Problem(open + 1, "unknown tag '" + modifiers + "' (only 'bash no-run' is known)"));
                }
                examples.add(new Example(open + 1, String.join("\n", body), modifiers.isEmpty(), Optional.empty()));
                quotable = examples.size() - 1;
                continue;
            }
            if (language.equals("text")) {
                if (quotable < 0) {
                    problems.add(new Problem(open + 1, "a ```text block that follows no ```bash block (nothing checks it)"));
                } else if (!examples.get(quotable).runs()) {
                    problems.add(new Problem(open + 1, "a ```text block after a 'bash no-run' block (nothing checks it)"));
                } else {
                    Example e = examples.get(quotable);
                    examples.set(quotable, new Example(e.line(), e.script(), true, Optional.of(new Quote(open + 1, body))));
                }
                quotable = -1;
                continue;
            }
            quotable = -1;
            for (int k = 0; k < body.size(); k++) {
                if (COMMAND.matcher(body.get(k)).find()) {
                    problems.add(new Problem(open + 2 + k,
                            "a command outside a ```bash block (nothing runs it): " + body.get(k).strip()));
                }
            }
        }
        return new Page(List.copyOf(examples), List.copyOf(problems), List.copyOf(links));
    }

    /**
     * The lines of a quote that the real output does not contain: each quoted line must equal a
     * whole output line once runs of white space are made one space and both are trimmed;
     * {@code ...} inside a quoted line matches any text, a quoted line that is only {@code ...}
     * and blank quoted lines match nothing and are skipped.
     */
    static List<String> missingLines(List<String> quote, String output) {
        List<String> actual = new ArrayList<>();
        for (String line : output.split("\n")) {
            actual.add(normalise(line));
        }
        List<String> missing = new ArrayList<>();
        for (String q : quote) {
            String wanted = normalise(q);
            if (wanted.isEmpty() || wanted.equals("...")) {
                continue;
            }
            Pattern p = pattern(wanted);
            if (actual.stream().noneMatch(a -> p.matcher(a).matches())) {
                missing.add(q.strip());
            }
        }
        return missing;
    }

    private static Pattern pattern(String wanted) {
        StringBuilder regex = new StringBuilder();
        String[] parts = wanted.split("\\.\\.\\.", -1);
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[k]));
        }
        return Pattern.compile(regex.toString());
    }

    private static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
