#!/usr/bin/env python3
"""Gives a shipped toy model the fine training log of a bit-identical retrain (issue 26).

Plan 1's models (fixtures/ensembles/*/seed-N) and the 8-head history model were trained before the trainer
logged every 25 steps to step 500 (then every 100) with the ideal and excess drift and the head scores on
letters and on X/Y; their logs have a point every 250 steps. Retraining with today's trainer gives the same
weights (the log is measured on the side: TrainerSmokeTest) and a fine log. This script moves that log into
the shipped training.json, only where the retrain is the shipped model:

  - model.safetensors of the retrain and of the shipped model are byte for byte the same, and so are the
    recorded weights_sha256;
  - loss and drift at every step both logs hold agree to 1e-9 (same weights, same inputs, same machine type).

Everything else in the shipped record (hyperparameters, hashes, portable_checkpoint, final_metrics, timings)
is kept; "log", "log_note" and "ideal_drift" come from the retrain, and "log_refined" says where from.
The head scores of the old log are not compared: they were measured on another token pool (the model
card's letters now).

Usage, from the repository root (the retrain first, with the train command in the model's training.json
recipe, e.g. train --recipe toy-induction-2h --seed 3 --out /tmp/retrain/toy-induction-2l/seed-3):
  /usr/bin/python3 tools/records/refine_logs.py RETRAIN_DIR SHIPPED_DIR [RETRAIN_DIR SHIPPED_DIR ...]
CI never runs it; the committed training.json files are the record.
"""
import filecmp
import json
import os
import sys


def refine(retrain, shipped):
    a_path = os.path.join(shipped, "training.json")
    a = json.load(open(a_path))
    b = json.load(open(os.path.join(retrain, "training.json")))
    if not filecmp.cmp(os.path.join(retrain, "model.safetensors"), os.path.join(shipped, "model.safetensors"),
                       shallow=False) or a["weights_sha256"] != b["weights_sha256"]:
        sys.exit(f"error: {retrain} is not a bit-identical retrain of {shipped}; its log describes another model")
    # evalEvery only sets when the log is measured (weight-neutral: TrainerSmokeTest); a key an older record lacks
    # (pMarkov, cooldownSteps) was 0 when it was trained.
    ha, hb = dict(a["hyperparameters"]), dict(b["hyperparameters"])
    for h in (ha, hb):
        h.pop("evalEvery", None)
    for k in set(hb) - set(ha):
        if hb[k] == 0:
            hb.pop(k)
    if ha != hb:
        sys.exit(f"error: {retrain} was trained with other hyperparameters than {shipped}")
    fine = {e["step"]: e for e in b["log"]}
    for e in a["log"]:
        f = fine.get(e["step"])
        for k in ("loss", "drift"):
            if f is not None and k in e and abs(e[k] - f[k]) > 1e-9:
                sys.exit(f"error: {shipped} step {e['step']}: {k} {e[k]} in the record, {f[k]} in the retrain")
    a["log"] = b["log"]
    a["log_note"] = b["log_note"]
    a["ideal_drift"] = b["ideal_drift"]
    a["log_refined"] = ("log from a bit-identical retrain (same model.safetensors) with the fine logging of issue 26, "
                        f"on {b.get('cpu', 'an unrecorded CPU')}; the log at ship time had a point every 250 steps "
                        "(git history)")
    tmp = a_path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(a, f, indent=2)
        f.write("\n")
    os.replace(tmp, a_path)
    print(shipped, len(b["log"]), "log entries")


def main(args):
    if not args or len(args) % 2:
        sys.exit("usage: refine_logs.py RETRAIN_DIR SHIPPED_DIR [RETRAIN_DIR SHIPPED_DIR ...]")
    for i in range(0, len(args), 2):
        refine(args[i], args[i + 1])


if __name__ == "__main__":
    main(sys.argv[1:])
