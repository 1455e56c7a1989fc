/**
 * A fit as one self-contained HTML file: styles inline, charts inline as SVG, no script and
 * nothing fetched, so it opens offline, attaches to an email and archives with the paper.
 */
package dev.slaw.report.html;
