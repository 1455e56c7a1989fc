package dev.slaw.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option of every command that prints a result: the result's JSON document
 * (snake_case keys, {@code null} for a number that is not finite) instead of its text.
 */
class JsonOutput {
    @Option(names = "--json", description = "Print the result as JSON instead of text.")
    boolean json;
}
