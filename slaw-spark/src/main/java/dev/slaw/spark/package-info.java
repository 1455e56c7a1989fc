/** Sweeps of many fits (bootstraps, law searches) as Apache Spark jobs, with the CLI's results. */
package dev.slaw.spark;
