package dev.slaw.discover;

import dev.slaw.law.Law;

import java.util.Objects;

/**
 * One law a search proposes: an ordinary law (parsed from law-language text like any other), the
 * family of the grammar that made it, and its canonical form, the key under which equivalent
 * forms are fitted once.
 *
 * @param law        the law, named by its formula (grammar) or its catalogue name
 * @param family     the grammar's word for its shape ("additive", "product", "shared exponent",
 *                   "log transform", "logit", ...) or "catalogue"
 * @param catalogue  whether it is a catalogue law
 * @param parameters free parameters
 * @param canonical  its canonical form: candidates with equal forms are the same set of functions
 */
public record Candidate(Law law, String family, boolean catalogue, int parameters, String canonical) {

    public Candidate {
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(canonical, "canonical");
    }

    /** The law's name: its formula for a grammar candidate, its catalogue name otherwise. */
    public String name() {
        return law.name();
    }

    /** The formula text. */
    public String formula() {
        return law.formula();
    }
}
