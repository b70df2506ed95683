/**
 * Falck, Wang and Holmes's martingale diagnostics ("Is In-Context Learning in Large Language Models Bayesian?
 * A Martingale Perspective", ICML 2024; their code: the plotting scripts of the meta-inf/bayes_icl repository,
 * {@code plotting.py} and {@code agg_plot.py}), applied to X/Y continuations that a model samples from its own
 * P(X | {X,Y}) after a permuted observed sequence.
 *
 * <p>{@link io.github.driftclaims.martingale.PathStatistics} computes T1, T2,k and T3 from sampled paths;
 * {@link io.github.driftclaims.martingale.BetaBernoulliReference} draws the reference model's paths and gives
 * each statistic's 95% interval; {@link io.github.driftclaims.martingale.ModelSampler} samples a model's paths
 * over the KV cache; {@link io.github.driftclaims.martingale.MartingaleCheck} runs one (n, m, theta) cell.
 * {@link io.github.driftclaims.martingale.MartingaleCalibration} runs samplers with known answers
 * ({@link io.github.driftclaims.martingale.PolyaUrnSampler}, {@link io.github.driftclaims.martingale.SwitchChainSampler})
 * through that pipeline to calibrate the count rule of claims 23 to 26.
 */
package io.github.driftclaims.martingale;
