#!/usr/bin/env python3
"""Independent reference for one path-patching table (issue 28): toy-induction-2l seed 0.

Reads fixtures/ensembles/toy-induction-2l/seed-0 with make_golden.py's own safetensors reader, weight processing and
byte-level BPE (TransformerLens's math re-implemented in PyTorch, not TransformerLens), and patches paths from the
notebook's patterned run (clean) into its clumped run (corrupt), one unbatched forward per path, as
interp/PathPatching defines them: for each layer-0 head s and layer-1 head r and each of r's query, key and value
inputs, r's input (and only r's, only that one) is the clumped run's resid_pre of layer 1 minus s's clumped output plus
s's patterned output (out_s = z_s W_O[s]), then LayerNorm'd as the model does; and for each head s its direct path, the
same swap in the last layer's resid_post only (the final LayerNorm and unembedding read it). For each path: logit_X -
logit_Y at the last position and the share of the gap moved, (ld_patched - ld_corrupt) / (ld_clean - ld_corrupt).

Writes golden-path-patching.json next to the weights. Run from the repository root:
/usr/bin/python3 tools/golden/path_patching_golden.py
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


def forward(sd, tokens, cfg, head_input=None, final_resid=None):
    """The attention-only forward pass (processed weights). head_input: (layer, 'q'|'k'|'v', head) -> the residual
    [T, D] that head's projection reads instead of resid_pre (LayerNorm'd here); final_resid: the last layer's
    resid_post to unembed instead. Returns (logits at the last position, resid_pre per layer, z per layer,
    last resid_post)."""
    head_input = head_input or {}
    L, H, dh = cfg["n_layers"], cfg["n_heads"], cfg["d_head"]
    T = len(tokens)
    tok = torch.tensor(tokens, dtype=torch.long)
    pres, zs = [], []
    resid = sd["embed.W_E"][tok] + sd["pos_embed.W_pos"][:T]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(L):
        p = "blocks.%d." % l
        pres.append(resid)
        proj = {}
        for kind in "qkv":
            # Each head's own input, [T, H, D]: resid_pre unless this path replaces it.
            per_head = torch.stack([head_input.get((l, kind, h), resid) for h in range(H)], dim=1)
            x = mg.layer_norm(per_head)
            W, b = sd[p + "attn.W_" + kind.upper()], sd[p + "attn.b_" + kind.upper()]
            proj[kind] = torch.einsum("phm,hmd->phd", x, W) + b
        scores = torch.einsum("qhd,khd->hqk", proj["q"], proj["k"]) / (dh ** 0.5)
        scores = torch.where(mask, scores, torch.tensor(float("-inf")))
        pattern = torch.softmax(scores, dim=-1)
        z = torch.einsum("khd,hqk->qhd", proj["v"], pattern)
        zs.append(z)
        resid = resid + torch.einsum("qhd,hdm->qm", z, sd[p + "attn.W_O"]) + sd[p + "attn.b_O"]
    if final_resid is not None:
        resid = final_resid
    x = mg.layer_norm(resid)
    logits = x[-1] @ sd["unembed.W_U"] + sd["unembed.b_U"]
    return logits, pres, zs, resid


def main():
    cfg = json.load(open(os.path.join(MODEL, "config.json")))
    tok = json.load(open(os.path.join(MODEL, "tokenizer.json")))
    sd = mg.process_weights(mg.read_safetensors(os.path.join(MODEL, "model.safetensors")), cfg)
    x_id, y_id = tok["model"]["vocab"]["ĠX"], tok["model"]["vocab"]["ĠY"]
    tokens = {name: tg.tokenize("Sequence: " + seq, tok) for name, seq in (CLEAN, CORRUPT)}
    L, H = cfg["n_layers"], cfg["n_heads"]
    assert L == 2, "the table is layer 0 into layer 1"

    def ld(logits):
        return float(logits[x_id].double() - logits[y_id].double())

    def out(zs, l, h):
        """Head (l, h)'s output at every position, [T, D]: z_h W_O[h] (b_O is shared by the runs)."""
        return zs[l][:, h, :] @ sd["blocks.%d.attn.W_O" % l][h]

    rows = []
    with torch.no_grad():
        clean_logits, _, clean_z, _ = forward(sd, tokens[CLEAN[0]], cfg)
        corrupt_logits, corrupt_pre, corrupt_z, corrupt_post = forward(sd, tokens[CORRUPT[0]], cfg)
        ld_clean, ld_corrupt = ld(clean_logits), ld(corrupt_logits)

        def add(sender, receiver, kind, logits):
            lp = ld(logits)
            rows.append({"sender": "L%dH%d" % sender, "receiver": receiver, "input": kind, "ld_patched": lp,
                         "normalised": (lp - ld_corrupt) / (ld_clean - ld_corrupt)})

        for kind in "qkv":
            for s in range(H):
                swapped = corrupt_pre[1] - out(corrupt_z, 0, s) + out(clean_z, 0, s)
                for r in range(H):
                    logits, _, _, _ = forward(sd, tokens[CORRUPT[0]], cfg, head_input={(1, kind, r): swapped})
                    add((0, s), "L1H%d" % r, kind, logits)
        for l in range(L):
            for s in range(H):
                final = corrupt_post - out(corrupt_z, l, s) + out(clean_z, l, s)
                logits, _, _, _ = forward(sd, tokens[CORRUPT[0]], cfg, final_resid=final)
                add((l, s), "logits", "direct", logits)
    result = {"what": __doc__.strip().split("\n\n")[0], "torch": torch.__version__, "model": MODEL,
              "x_id": x_id, "y_id": y_id, "tokens": tokens, "ld_clean": ld_clean, "ld_corrupt": ld_corrupt,
              "paths": rows}
    path = os.path.join(MODEL, "golden-path-patching.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(path, len(rows), "paths")


if __name__ == "__main__":
    main()
