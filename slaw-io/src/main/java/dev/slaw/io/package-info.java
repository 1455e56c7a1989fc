/**
 * From files to datasets: {@link dev.slaw.io.DatasetLoader} reads a table in any supported
 * {@link dev.slaw.io.TableFormat} and applies a {@link dev.slaw.io.Recipe} (column mapping,
 * unit scaling, derived columns, checkpoint and row filters, groups), returning the dataset
 * with notes that say what every step did.
 */
package dev.slaw.io;
