/**
 * Results as documents, for every face (the command line, the web workbench, files): one JSON
 * form per result type built with {@link dev.slaw.io.json.JsonObject} (snake_case keys, numbers
 * that are not finite as {@code null}), one text form per result type, and one table renderer
 * ({@link dev.slaw.io.document.Table}: aligned text or CSV). Nothing here prints: renderers
 * return text or JSON documents, and the face decides where they go.
 */
package dev.slaw.io.document;
