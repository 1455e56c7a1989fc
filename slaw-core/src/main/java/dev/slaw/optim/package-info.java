/**
 * Local optimisers for fitting: {@link dev.slaw.optim.Lbfgsb} for any smooth objective with box
 * constraints and {@link dev.slaw.optim.LevenbergMarquardt} for sums of squares.
 *
 * <h2>L-BFGS-B</h2>
 * The bound-constrained limited-memory BFGS method of R. H. Byrd, P. Lu, J. Nocedal and C. Zhu,
 * "A limited memory algorithm for bound constrained optimization", SIAM Journal on Scientific
 * Computing 16(5): 1190-1208 (1995), with the subspace-step correction of J. L. Morales and
 * J. Nocedal, "Remark on Algorithm 778", ACM TOMS 38(1) (2011), and the line search of J. J. Moré
 * and D. J. Thuente, ACM TOMS 20(3): 286-307 (1994).
 *
 * <h2>Stopping rules: scipy-compatible on purpose</h2>
 * Published scaling-law fits (Hoffmann et al. 2022, Approach 3; Besiroglu et al. 2024) were made
 * with scipy's {@code minimize(method="L-BFGS-B")} at its defaults, and where such a fit stops is
 * part of its result. {@link dev.slaw.optim.Lbfgsb#withDefaults()} therefore uses the same rules,
 * checked after each iteration in scipy's order:
 * <ol>
 *   <li>iterations reached {@code maxiter = 15000}, or evaluations exceed {@code maxfun = 15000};</li>
 *   <li>{@code max_i |proj g_i| <= gtol = 1e-5}, where {@code proj g_i = x_i - P(x_i - g_i)} is
 *       the gradient cut at the bound it points to (also tested at the start point);</li>
 *   <li>{@code (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) <= ftol = 2.220446049250313e-9}
 *       ({@code factr = 1e7} times machine epsilon).</li>
 * </ol>
 * The third rule is relative only when {@code |f| > 1}; below that it is an absolute test on the
 * decrease. An objective that is averaged over data points, rather than summed, is therefore
 * divided by the number of points and stops that many times earlier in relative terms, often
 * far from the optimum: the reason slaw sums the Huber loss, and the reason a reproduction must
 * use the same reduction as the paper it reproduces. The memory is scipy's {@code maxcor = 10}.
 *
 * <p>Fits use the relative variant by default ({@link dev.slaw.optim.StoppingRule#RELATIVE}):
 * the objective's own magnitude in place of 1 in the third rule and as the factor of
 * {@code gtol} in the second, so that where a fit stops does not depend on the objective's scale;
 * scipy's rules stay for the reproduction protocols.
 *
 * <p>The iteration follows L-BFGS-B 3.0 (scipy's code) step for step, with these documented
 * differences: the projected subspace step is also rejected when it raises the quadratic model
 * above its value at the Cauchy point (otherwise a clipped step can be nearly orthogonal to the
 * gradient and the ftol test stops far from a KKT point); non-finite values shrink the step
 * instead of breaking the line search; a line search ending uphill returns the best point it
 * saw instead of the uphill one; a BFGS pair is skipped when {@code s'y <= eps * y'y} (the
 * paper's rule; the code uses {@code -eps * g's}); and after a failed line search the memory is
 * reset once before giving up with
 * {@link dev.slaw.optim.OptimizationResult.Status#LINE_SEARCH_FAILED}. On unconstrained problems
 * only the last three can matter.
 */
package dev.slaw.optim;
