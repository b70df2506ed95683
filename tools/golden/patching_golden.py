#!/usr/bin/env python3
"""Independent reference for one activation-patching table (issue 28): the default toy model.

Reads fixtures/ensembles/toy-induction-2l/seed-0 with make_golden.py's own safetensors reader, weight processing and
byte-level BPE (TransformerLens's math re-implemented in PyTorch, not TransformerLens), and patches between the
notebook's patterned (clean) and clumped (corrupt) prompts in both directions: denoising runs the clumped prompt with
one activation from the patterned run, noising the reverse. Components, as interp/ActivationPatching patches them:
each head's hook_z at every position, the drift heads together (DRIFT_HEADS below: the zero-ablation sweep's top two,
which the Java test checks it finds too), the residual stream at each layer's hook_resid_pre and the last layer's
hook_resid_post, one position at a time, and each head's attention pattern (hook_pattern, every query position, the
head's values its own run's). For each patch: logit_X - logit_Y at the last position of the patched run and
of the two unpatched runs, and the share of the gap moved, (ld_patched - ld_base) / (ld_source - ld_base).

Writes golden-patching.json next to the weights. Run from the repository root:
/usr/bin/python3 tools/golden/patching_golden.py
Deterministic (float32, 1 thread). CI never runs it; the committed file is the reference.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as mg  # noqa: E402
import toy_goldens as tg  # noqa: E402

torch.set_num_threads(1)
MODEL = "fixtures/ensembles/toy-induction-2l/seed-0"
CLEAN, CORRUPT = ("patterned", "X Y X Y X Y"), ("clumped", "X X X Y Y Y")
DRIFT_HEADS = [(1, 1), (0, 0)]


def forward(sd, tokens, cfg, patch=None):
    """The attention-only forward pass (processed weights). patch: {hook name: fn(activation) -> activation}.
    Returns (logits at the last position, {hook name: activation}) with every hook_z and residual point."""
    patch = patch or {}
    L, dh = cfg["n_layers"], cfg["d_head"]
    T = len(tokens)
    tok = torch.tensor(tokens, dtype=torch.long)
    acts = {}

    def hook(name, a):
        a = patch[name](a.clone()) if name in patch else a
        acts[name] = a
        return a

    resid = sd["embed.W_E"][tok] + sd["pos_embed.W_pos"][:T]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(L):
        p = "blocks.%d." % l
        resid = hook(p + "hook_resid_pre", resid)
        x = mg.layer_norm(resid)
        q = torch.einsum("pm,hmd->phd", x, sd[p + "attn.W_Q"]) + sd[p + "attn.b_Q"]
        k = torch.einsum("pm,hmd->phd", x, sd[p + "attn.W_K"]) + sd[p + "attn.b_K"]
        v = torch.einsum("pm,hmd->phd", x, sd[p + "attn.W_V"]) + sd[p + "attn.b_V"]
        scores = torch.einsum("qhd,khd->hqk", q, k) / (dh ** 0.5)
        scores = torch.where(mask, scores, torch.tensor(float("-inf")))
        pattern = hook(p + "attn.hook_pattern", torch.softmax(scores, dim=-1))
        z = hook(p + "attn.hook_z", torch.einsum("khd,hqk->qhd", v, pattern))
        resid = hook(p + "hook_resid_post", resid + torch.einsum("qhd,hdm->qm", z, sd[p + "attn.W_O"]) + sd[p + "attn.b_O"])
    x = mg.layer_norm(resid)
    logits = x[-1] @ sd["unembed.W_U"] + sd["unembed.b_U"]
    return logits, acts


def set_heads(src, heads):
    def fn(z):
        for h in heads:
            z[:, h, :] = src[:, h, :]
        return z
    return fn


def set_pattern(src, h):
    def fn(pattern):
        pattern[h, :, :] = src[h, :, :]
        return pattern
    return fn


def set_position(src, pos):
    def fn(r):
        r[pos, :] = src[pos, :]
        return r
    return fn


def main():
    cfg = json.load(open(os.path.join(MODEL, "config.json")))
    tok = json.load(open(os.path.join(MODEL, "tokenizer.json")))
    sd = mg.process_weights(mg.read_safetensors(os.path.join(MODEL, "model.safetensors")), cfg)
    x_id, y_id = tok["model"]["vocab"]["ĠX"], tok["model"]["vocab"]["ĠY"]
    tokens = {name: tg.tokenize("Sequence: " + seq, tok) for name, seq in (CLEAN, CORRUPT)}
    L, H = cfg["n_layers"], cfg["n_heads"]
    points = ["blocks.%d.hook_resid_pre" % l for l in range(L)] + ["blocks.%d.hook_resid_post" % (L - 1)]

    def ld(logits):
        return float(logits[x_id].double() - logits[y_id].double())

    out = {"what": __doc__.strip().split("\n\n")[0], "torch": torch.__version__, "model": MODEL,
           "drift_heads": [list(h) for h in DRIFT_HEADS], "x_id": x_id, "y_id": y_id,
           "tokens": {k: v for k, v in tokens.items()}}
    for direction, source, base in (("denoising", CLEAN[0], CORRUPT[0]), ("noising", CORRUPT[0], CLEAN[0])):
        with torch.no_grad():
            src_logits, src = forward(sd, tokens[source], cfg)
            base_logits, _ = forward(sd, tokens[base], cfg)
            ld_source, ld_base = ld(src_logits), ld(base_logits)
            rows = []

            def add(component, label, hook, layer, head, position, patch):
                logits, _ = forward(sd, tokens[base], cfg, patch)
                lp = ld(logits)
                rows.append({"component": component, "label": label, "hook": hook, "layer": layer, "head": head,
                             "position": position, "ld_patched": lp,
                             "normalised": (lp - ld_base) / (ld_source - ld_base)})

            for l in range(L):
                name = "blocks.%d.attn.hook_z" % l
                for h in range(H):
                    add("head", "L%dH%d" % (l, h), name, l, h, -1, {name: set_heads(src[name], [h])})
            pair = {}
            for l, h in DRIFT_HEADS:
                name = "blocks.%d.attn.hook_z" % l
                pair[name] = set_heads(src[name], [hh for ll, hh in DRIFT_HEADS if ll == l])
            add("drift heads", "+".join("L%dH%d" % h for h in DRIFT_HEADS), "+".join(
                "blocks.%d.attn.hook_z" % l for l, _ in DRIFT_HEADS), -1, -1, -1, pair)
            for i, name in enumerate(points):
                for pos in range(len(tokens[base])):
                    add("residual", "%s@%d" % (name, pos), name, i, -1, pos, {name: set_position(src[name], pos)})
            for l in range(L):
                name = "blocks.%d.attn.hook_pattern" % l
                for h in range(H):
                    add("pattern", "L%dH%d" % (l, h), name, l, h, -1, {name: set_pattern(src[name], h)})
        out[direction] = {"ld_source": ld_source, "ld_base": ld_base, "rows": rows}
    path = os.path.join(MODEL, "golden-patching.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(path, sum(len(out[d]["rows"]) for d in ("denoising", "noising")), "rows")


if __name__ == "__main__":
    main()
