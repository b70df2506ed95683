/**
 * An attention-only transformer as TransformerLens's {@code HookedTransformer} computes it, and the files it is
 * read from.
 *
 * <p>Weights: {@link io.github.driftclaims.model.Weights} holds them typed ({@code W_E}, {@code W_pos}, one
 * {@link io.github.driftclaims.model.Weights.Block} per layer, {@code W_U}, {@code b_U});
 * {@link io.github.driftclaims.model.WeightLayout} alone spells the state-dict keys, where weights are loaded,
 * saved, hashed or trained; {@link io.github.driftclaims.model.WeightProcessing} is {@code from_pretrained}'s
 * folding and centring. Checkpoints are read by {@link io.github.driftclaims.model.Safetensors} and
 * {@link io.github.driftclaims.model.TorchCheckpoint} (through a restricted unpickler), checked once against the
 * config by {@link io.github.driftclaims.model.StateDict}, and loaded by
 * {@link io.github.driftclaims.model.ModelLoader}.
 *
 * <p>The forward pass: {@code Forward} is the layer loop, once, with one attention
 * function, for a whole prompt, a decoding step over a {@link io.github.driftclaims.model.KvCache} and a
 * {@link io.github.driftclaims.model.SharedRows} plan; a {@link io.github.driftclaims.model.Pass} says what a pass
 * does besides the logits (hooks, cache, unembedding columns, KV cache, rows plan); its parts are in
 * {@code ForwardParts}. {@link io.github.driftclaims.model.Hooks} refuses a name that is no
 * {@link io.github.driftclaims.model.HookPoint} of the model; {@link io.github.driftclaims.model.HeadMask} is the
 * one zero-ablation at {@code hook_z}. {@link io.github.driftclaims.model.HookedTransformer} owns the weights and
 * runs passes from and to Java arrays.
 */
package io.github.driftclaims.model;
