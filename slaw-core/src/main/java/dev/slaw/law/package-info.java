/**
 * Laws: the {@link dev.slaw.law.Law} contract, parameters with bounds, fixed values, ties and
 * optimiser transforms, formula laws in the law language, and the built-in catalogue (with the
 * one built-in law the language cannot write, {@link dev.slaw.law.DataFilteringLaw}).
 */
package dev.slaw.law;
