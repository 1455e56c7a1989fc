/**
 * The {@code slaw} command line (picocli). Commands call the core and render its results; user
 * errors print one line on stderr and exit with code 2.
 */
package dev.slaw.cli;
