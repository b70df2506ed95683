/**
 * The claims and the rules that decide them: one rule per claim, a pure function of measured numbers with lines fixed
 * before the numbers were seen ({@link io.github.driftclaims.verdict.Thresholds}), the only place a verdict is decided.
 *
 * <p>Each claim family lives in its own class, every rule beside its one-line description ({@code describe}):
 * <ul>
 *   <li>{@link io.github.driftclaims.verdict.DriftRules}: claims 4, 6, 7, 8 (the drift and the sweep's top heads);
 *   <li>{@link io.github.driftclaims.verdict.PatternRules}: claims 5, 9, 10 and suite check 38 (attention patterns,
 *       head roles, pattern invariance under ablation);
 *   <li>{@link io.github.driftclaims.verdict.LaterRules}: claims 12 to 16 (the notebook's later cells; 15 is a suite
 *       check);
 *   <li>{@link io.github.driftclaims.verdict.AblationRules}: claims 17 to 22 (ablation kinds, exhaustive pairs, direct
 *       logit attribution);
 *   <li>{@link io.github.driftclaims.verdict.MartingaleRules}: claims 23 to 26 (the martingale check), with what chance
 *       allows in {@link io.github.driftclaims.verdict.MartingaleThresholds};
 *   <li>{@link io.github.driftclaims.verdict.IdealRules}: claim 27 (excess drift) and claims 31 to 35 (claims 8, 12,
 *       13, 14, 16 against the ideal observer);
 *   <li>{@link io.github.driftclaims.verdict.PatchingRules}: claims 28 and 29 (the 20 orderings, activation patching);
 *   <li>{@link io.github.driftclaims.verdict.PhaseChange}: claim 30; {@link io.github.driftclaims.verdict.CausalRules}:
 *       claims 36 and 37 (path patching, sufficiency); {@link io.github.driftclaims.verdict.CircuitRules}: claim 39.
 * </ul>
 *
 * <p>{@link io.github.driftclaims.verdict.Rules} is the index: the list of findings each experiment decides, {@code
 * describe} over every claim, and the helpers every family shares (a finding with its nearest {@link
 * io.github.driftclaims.verdict.Margin}, number formats). The helpers shared by several families: {@code Shares} (the
 * share removed, (before - after) / before, its text, its margin line and the collapse tiers), {@code Materiality}
 * (drift at or above {@link io.github.driftclaims.verdict.Thresholds#MATERIAL_DRIFT}, its line and its note) and
 * {@code Sensitivity} (claims 13 and 33's tally of order sensitivity over counts). The numbers each family reads are
 * records named {@code *Measurements}; {@link io.github.driftclaims.verdict.Uncertainty} bounds each number's
 * numerical error.
 */
package io.github.driftclaims.verdict;
