/** Fits as JSON files: written atomically, read back with their law. */
package dev.slaw.io.fit;
