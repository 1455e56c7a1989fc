package dev.slaw.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs' convention for command examples ({@link MarkdownExamples}), and the project's
 * pages checked against it without running anything (DocumentedCommandsIT runs them).
 */
class MarkdownExamplesTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** README.md and docs/*.md, the pages whose commands must run. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void aBashBlockKeepsItsCommandsAndTheTextBlockAfterItAsItsOutput() {
        MarkdownExamples.Page page = MarkdownExamples.parse(String.join("\n",
                "```` ```bash ```` blocks run, as inline code says.", "", "```bash", "./slaw laws chinchilla", "./slaw laws power", "```", "",
                "```text", "E > 0", "...", "```", "", "```bash no-run", "./slaw serve", "```"));
        assertThat(page.problems()).isEmpty();
        assertThat(page.examples()).hasSize(2);
        MarkdownExamples.Example first = page.examples().get(0);
        assertThat(first.line()).isEqualTo(3);
        assertThat(first.script()).isEqualTo("./slaw laws chinchilla\n./slaw laws power");
        assertThat(first.runs()).isTrue();
        assertThat(first.expected()).hasValueSatisfying(q -> {
            assertThat(q.line()).isEqualTo(8);
            assertThat(q.lines()).containsExactly("E > 0", "...");
        });
        assertThat(page.examples().get(1).runs()).isFalse();
        assertThat(page.examples().get(1).expected()).isEmpty();
    }

    @Test
    void aQuotedNumberThatDriftedByOneDigitIsReported() {
        String output = "parameter  estimate  std error\nE          1.8172    0.025660\nA          477.82    124.52\n";
        assertThat(MarkdownExamples.missingLines(List.of("E 1.8172 0.025660", "A   477.82   124.52"), output)).isEmpty();
        assertThat(MarkdownExamples.missingLines(List.of("E 1.8172 0.025660", "A 477.83 124.52"), output))
                .containsExactly("A 477.83 124.52");
        // a quote must be a whole line: a shorter number is not the same number
        assertThat(MarkdownExamples.missingLines(List.of("A 477.8 124.52"), output)).containsExactly("A 477.8 124.52");
    }

    @Test
    void dotsStandForLeftOutLinesOrLeftOutText() {
        String output = "fit L = 1.776 + 49.23 / N^0.1964\nrow 70 3.30686\nrow 71 3.1\nmean 1.56%, max 8.55%\n";
        assertThat(MarkdownExamples.missingLines(List.of("fit L = 1.776 + ...", "...", "mean 1.56%, max 8.55%"), output))
                .isEmpty();
        assertThat(MarkdownExamples.missingLines(List.of("fit L = 1.777 + ..."), output)).containsExactly("fit L = 1.777 + ...");
    }

    @Test
    void commandsAndOutputThatNothingWouldCheckAreMistakes() {
        MarkdownExamples.Page page = MarkdownExamples.parse(String.join("\n",
                "Indented:", "", "    ./slaw fit runs.csv --law power", "",
                "```", "slaw runs", "```", "",
                "Some text.", "", "```text", "1.23", "```", "",
                "```bash norun", "./slaw serve", "```", "",
                "```bash no-run", "./slaw serve", "```", "```text", "listening", "```"));
        assertThat(page.problems()).extracting(MarkdownExamples.Problem::line).containsExactly(3, 6, 11, 15, 22);
        assertThat(page.problems().get(0).message()).contains("outside a ```bash block", "./slaw fit runs.csv");
    }

    @Test
    void everyPageOfTheDocsFollowsTheConventionForCommands() throws IOException {
        List<String> problems = new ArrayList<>();
        int examples = 0;
        for (Path page : pages()) {
            MarkdownExamples.Page parsed = MarkdownExamples.parse(Files.readString(page));
            parsed.problems().forEach(p -> problems.add(ROOT.relativize(page) + ": " + p));
            examples += parsed.examples().size();
        }
        assertThat(problems).isEmpty();
        assertThat(examples).as("bash blocks in README.md and docs/*.md").isGreaterThan(20);
    }

    @Test
    void everyRelativeLinkOfTheDocsNamesAFileOfTheProject() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String link : MarkdownExamples.parse(Files.readString(page)).links()) {
                if (link.matches("^[a-z]+:.*") || link.startsWith("#")) {
                    continue;
                }
                String file = link.replaceAll("#.*$", "");
                if (!Files.exists(page.getParent().resolve(file))) {
                    broken.add(ROOT.relativize(page) + " -> " + link);
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
