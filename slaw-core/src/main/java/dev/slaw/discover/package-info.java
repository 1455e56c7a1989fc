/**
 * The search for the law that extrapolates best ({@code slaw discover}): a grammar of candidate
 * laws ({@link dev.slaw.discover.Grammar}), each fitted and scored by rollout as a pure function
 * of (data, candidate, options) ({@link dev.slaw.discover.CandidateScore}), ranked by
 * {@link dev.slaw.discover.Search}.
 */
package dev.slaw.discover;
