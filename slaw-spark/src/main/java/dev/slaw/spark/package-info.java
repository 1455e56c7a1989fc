/** Sweeps of many fits (bootstraps, grouped fits, rollouts, sensitivity sweeps, law searches) as Apache Spark jobs, with the CLI's results. */
package dev.slaw.spark;
