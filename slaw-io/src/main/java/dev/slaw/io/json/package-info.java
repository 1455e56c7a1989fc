/**
 * JSON, JSON Lines and folders of per-run JSON files as tables, with {@link
 * dev.slaw.io.json.FieldPath} paths that reach into nested objects and select inside lists.
 */
package dev.slaw.io.json;
