package dev.slaw.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/java-api.md shows a program that {@link DocumentedCommandsIT} compiles and runs from
 * {@code examples/java-api/}; the code on the page must be that file, or the page would show
 * code nobody runs.
 */
class JavaApiPageTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @Test
    void theProgramOnThePageIsTheOneTheDocsTestRuns() throws IOException {
        String page = Files.readString(MarkdownExamplesTest.ROOT.resolve("docs/java-api.md"));
        Matcher block = JAVA_BLOCK.matcher(page);
        assertThat(block.find()).as("a ```java block in docs/java-api.md").isTrue();
        String program = Files.readString(MarkdownExamplesTest.ROOT.resolve("examples/java-api/FitFromJava.java"));
        assertThat(block.group(1)).isEqualTo(program);
        assertThat(page).contains("javac -d java-api -cp slaw-cli/target/slaw.jar examples/java-api/FitFromJava.java");
    }
}
