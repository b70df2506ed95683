package io.github.driftclaims.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code COMMAND [--key value | --flag]...}; nothing more is needed for a thin CLI. */
record Options(String command, Map<String, String> values, Set<String> flags, java.util.List<String> positionals) {

    static final String USAGE = """
            usage: COMMAND [options]   (through Maven: ./mvnw -q exec:java -Dexec.args="COMMAND ...")
              run    --model DIR|ALIAS [--ablate L.H,...] [--top-k K] [--json FILE] [--raw] [--download]
                     prints the notebook's tables (baseline, single-head sweep, top-K ablation)
              train  --recipe toy-induction|counting-only|toy-induction-2h|counting-only-2h|markov-switch --out DIR [--<hyperparameter> VALUE ...]
                     trains a toy model and writes DIR/{config,tokenizer,model.safetensors,training.json}
              retrain --model DIR [--steps N]
                     retrains from DIR/training.json and compares tensor SHA-256 with the record
                     (--steps N runs only the first N steps and compares the checkpoint hash)
              retrain --ensemble DIR [--steps N|all]
                     the same for every model directory under DIR (e.g. fixtures/ensembles), in turn
              fetch  ALIAS   downloads e.g. attn-only-2l into the Hugging Face cache (HF_HOME, HF_HUB_CACHE,
                     HF_ENDPOINT, HF_TOKEN are honoured); --model ALIAS then uses it offline
              expect --model DIR   regenerates DIR/expected-claims.json, the regression gate's record
              help   this text""";

    static final Set<String> FLAGS = Set.of("raw", "download");

    static Options parse(String[] args) {
        if (args.length == 0) {
            return new Options("run", Map.of(), Set.of(), java.util.List.of());
        }
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        java.util.List<String> positionals = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positionals.add(a);
                continue;
            }
            String key = a.substring(2);
            if (FLAGS.contains(key)) {
                flags.add(key);
            } else if (i + 1 < args.length) {
                values.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value\n" + USAGE);
            }
        }
        return new Options(args[0], values, flags, java.util.List.copyOf(positionals));
    }

    java.util.Optional<String> positional() {
        return positionals.stream().findFirst();
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean flag(String key) {
        return flags.contains(key);
    }
}
