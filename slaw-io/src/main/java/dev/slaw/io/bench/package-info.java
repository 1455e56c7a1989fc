/** Benchmarks of reading and storing large run tables, for {@code slaw bench}. */
package dev.slaw.io.bench;
