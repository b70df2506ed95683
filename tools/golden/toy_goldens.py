#!/usr/bin/env python3
"""Independent reference numbers for every toy model the project ships (issue 12).

For each model directory under fixtures/ensembles/*/, fixtures/plan-2/ensembles/*/ and fixtures/history/,
this script reads the weights (model.safetensors), the config and the tokenizer with its own code, applies TransformerLens's
from_pretrained weight processing and runs the attention-only forward pass, all re-implemented by hand in
make_golden.py (TransformerLens itself is not installed: this is a second implementation of its math, in
PyTorch, not TransformerLens). It writes golden-forward.json next to the weights: the notebook's three
prompts in the toy models' "sequence" style ("Sequence: X Y X Y X Y", BOS prepended), their token ids
(from this script's own byte-level BPE), and for the baseline and each single-head zero-ablation of
hook_z the last position's logit_X - logit_Y and P(X | {X,Y}).

Run from the repository root: /usr/bin/python3 tools/golden/toy_goldens.py
Deterministic (float32, 1 thread). CI never runs it; the committed files are the reference.
"""
import glob
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden as mg  # noqa: E402

torch.set_num_threads(1)
PROMPTS = [("patterned", "X Y X Y X Y"), ("clumped", "X X X Y Y Y"), ("mixed", "X Y Y X X Y")]


def tokenize(text, tok):
    vocab = tok["model"]["vocab"]
    mg.MERGES = [tuple(m.split(" ")) for m in tok["model"]["merges"]]
    ids, _ = mg.bpe_encode(text, vocab)
    bos = next(a["id"] for a in tok["added_tokens"] if a["content"] == "<|endoftext|>")
    return [bos] + ids


def one(model_dir):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    tok = json.load(open(os.path.join(model_dir, "tokenizer.json")))
    sd = mg.process_weights(mg.read_safetensors(os.path.join(model_dir, "model.safetensors")), cfg)
    x_id, y_id = tok["model"]["vocab"]["ĠX"], tok["model"]["vocab"]["ĠY"]
    settings = [[]] + [[[l, h]] for l in range(cfg["n_layers"]) for h in range(cfg["n_heads"])]
    prompts = []
    rows = []
    for name, seq in PROMPTS:
        tokens = tokenize("Sequence: " + seq, tok)
        prompts.append({"name": name, "text": "Sequence: " + seq, "tokens": tokens})
        for ablate in settings:
            with torch.no_grad():
                out = mg.forward(sd, tokens, cfg, True, ablate=[tuple(a) for a in ablate])
            last = out["logits"][-1].double()
            diff = float(last[x_id] - last[y_id])
            p = float(torch.sigmoid(last[x_id] - last[y_id]))
            rows.append({"prompt": name, "ablated": ablate, "logit_diff": diff, "p_x_norm": p})
    return {
        "what": "Independent reference (tools/golden/toy_goldens.py): TransformerLens's weight processing and "
                "attention-only forward re-implemented in PyTorch, not TransformerLens itself. Baseline and "
                "each single-head zero-ablation of hook_z (processed weights) on the notebook's prompts.",
        "torch": torch.__version__,
        "x_id": x_id, "y_id": y_id,
        "prompts": prompts,
        "rows": rows,
    }


def main():
    dirs = sorted(glob.glob("fixtures/ensembles/*/seed-*") + glob.glob("fixtures/plan-2/ensembles/*/seed-*")
                  + glob.glob("fixtures/history/*"))
    for d in dirs:
        if not os.path.isfile(os.path.join(d, "model.safetensors")):
            continue
        g = one(d)
        with open(os.path.join(d, "golden-forward.json"), "w") as f:
            json.dump(g, f, indent=1, sort_keys=False)
            f.write("\n")
        print(d, len(g["rows"]), "rows")


if __name__ == "__main__":
    main()
