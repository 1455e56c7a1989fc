package dev.slaw.fit;

import java.util.List;

/**
 * The reproducibility card of a fit: where the data came from, which rows and options were
 * used, and what produced it.
 *
 * @param dataSource     file or stored dataset name
 * @param fingerprint    SHA-256 of the rows used (the law's variables, the target, the weights)
 * @param columns        the columns that fingerprint covers
 * @param notes          filters and row exclusions applied before fitting
 * @param objective      objective description
 * @param optimizer      optimiser
 * @param starts         start description
 * @param seed           seed
 * @param threads        threads used (the result does not depend on it)
 * @param slawVersion    slaw version
 * @param javaVersion    Java runtime version
 * @param created        ISO-8601 time of the fit
 * @param elapsedMillis  wall-clock time of the fit
 */
public record Provenance(String dataSource, String fingerprint, List<String> columns, List<String> notes,
                         String objective, String optimizer, String starts, long seed, int threads, String slawVersion,
                         String javaVersion, String created, double elapsedMillis) {
    public Provenance {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }
}
