/**
 * Everything that touches DuckDB: the run store ({@link dev.slaw.io.store.RunStore}, imported
 * datasets and saved fits in one embedded database file) and Parquet files. Nothing outside
 * this package loads DuckDB, so its native library is unpacked only when it is needed.
 */
package dev.slaw.io.store;
