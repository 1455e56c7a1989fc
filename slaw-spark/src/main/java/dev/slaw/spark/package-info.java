/** Sweeps of many fits (bootstraps, grouped fits) as Apache Spark jobs, with the CLI's results. */
package dev.slaw.spark;
