package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.ActivationPatching;
import io.github.driftclaims.interp.ActivationPatching.Direction;

/**
 * What claim 29 reads: the logit differences (logit_X - logit_Y) of the clean (patterned) and corrupt (clumped)
 * runs, and the corrupt run's with the drift heads' hook_z taken from the clean run (denoising, both heads at once,
 * every position).
 */
public record PatchingMeasurements(double ldClean, double ldCorrupt, double ldPatched) {

    /** The drift heads' denoising patch of a patching table. */
    public static PatchingMeasurements of(ActivationPatching p) {
        ActivationPatching.Patch pair = p.driftHeadsPatch(Direction.DENOISING);
        return new PatchingMeasurements(pair.ldSource(), pair.ldBase(), pair.ldPatched());
    }

    /** LD_clean - LD_corrupt: the drift between the two orderings in logit terms. */
    public double gap() {
        return ldClean - ldCorrupt;
    }

    /** (LD_patched - LD_corrupt) / (LD_clean - LD_corrupt): 0 no effect, 1 the whole gap; NaN without a gap. */
    public double normalised() {
        return gap() == 0 ? Double.NaN : (ldPatched - ldCorrupt) / gap();
    }
}
