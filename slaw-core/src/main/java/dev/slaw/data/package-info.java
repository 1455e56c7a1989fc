/**
 * Tables of training runs as the fitting code sees them: named double columns, text labels
 * (group, run id) and the row numbers of the source, so every error can name its row.
 */
package dev.slaw.data;
