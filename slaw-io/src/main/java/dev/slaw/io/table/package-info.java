/**
 * Tables as read, before any mapping: a streaming CSV/TSV tokenizer, the parser of
 * human-formatted numbers ({@code 12M}, {@code 1,024}, {@code 11%}) and column builders that
 * keep numbers in primitive arrays.
 */
package dev.slaw.io.table;
