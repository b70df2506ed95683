package io.github.driftclaims.martingale;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.interp.Ablation;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.model.Hooks;
import java.util.List;

/**
 * The martingale check on one model over a grid, as sampled and with {@code heads} zero-ablated at hook_z (on
 * the prompt and at every sampled step). Both conditions see the same observed data, permutations and uniform
 * draws (the same seeds), so their difference is the ablation's. Results are in {@link MartingaleGrid#run}'s order (cell
 * by cell, each cell's sequences in seed order), the same in both lists.
 */
public record MartingaleExperiment(List<Head> heads, MartingaleGrid grid, List<MartingaleResult> baseline,
        List<MartingaleResult> ablated) {

    public MartingaleExperiment {
        heads = List.copyOf(heads);
        baseline = List.copyOf(baseline);
        ablated = List.copyOf(ablated);
    }

    public static MartingaleExperiment run(HookedTransformer model, List<Head> heads, MartingaleGrid grid) {
        ModelSampler plain = new ModelSampler(model, Hooks.none());
        ModelSampler ablatedSampler = new ModelSampler(model, Ablation.zeroHeads(model.config(), heads));
        for (MartingaleResult.Cell cell : grid.cells()) {
            int needed = plain.contextNeeded(cell.n(), cell.m());
            if (needed > model.config().nCtx()) {
                throw new UserInputException(cell + " needs " + needed + " positions but the model's n_ctx is "
                        + model.config().nCtx() + "; use a smaller n or m");
            }
        }
        List<MartingaleResult> b = grid.run(plain);
        List<MartingaleResult> a = grid.run(ablatedSampler);
        return new MartingaleExperiment(heads, grid, b, a);
    }
}
