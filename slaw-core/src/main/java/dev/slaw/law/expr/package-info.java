/**
 * The law language: parsing formulas, symbolic derivatives, and evaluation over whole columns.
 *
 * <p>A formula becomes a graph of operations in which shared subexpressions are stored once;
 * derivatives with respect to each parameter are built symbolically in the same graph, so the
 * value and the full Jacobian come out of one forward sweep with no per-row allocation.
 */
package dev.slaw.law.expr;
