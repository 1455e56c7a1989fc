/**
 * The project file ({@code slaw.toml}) that names datasets with their source and recipe, and
 * the small TOML reader it needs.
 */
package dev.slaw.io.project;
