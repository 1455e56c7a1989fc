/**
 * Laws: the {@link dev.slaw.law.Law} contract, parameters with bounds, fixed values, ties and
 * optimiser transforms, formula laws in the law language, and the built-in catalogue.
 */
package dev.slaw.law;
