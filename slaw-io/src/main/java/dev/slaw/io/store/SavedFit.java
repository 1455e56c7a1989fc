package dev.slaw.io.store;

import java.time.Instant;

/**
 * A fit kept in the run store beside the data it was fitted on.
 *
 * @param id          its number in the store
 * @param dataset     the dataset it was fitted on (a stored or project name, or a file)
 * @param law         the law's name or formula
 * @param created     when it was saved, in UTC
 * @param fingerprint the fingerprint of the rows used, to check a reproduction
 * @param json        the fit as JSON, as the fitting code wrote it
 */
public record SavedFit(long id, String dataset, String law, Instant created, String fingerprint, String json) {
}
