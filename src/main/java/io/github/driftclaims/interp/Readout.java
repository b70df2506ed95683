package io.github.driftclaims.interp;

/**
 * What the notebook's {@code model_p_x} reads off the last position for one sequence, plus the
 * baselines for its counts. Probabilities come from the softmax over the full vocabulary;
 * {@code pXNorm} renormalises over the two candidates: P(X | {X,Y}) = p_X / (p_X + p_Y).
 *
 * <p>A two-column readout ({@link #ofPair}) has only logit_X and logit_Y: P(X | {X,Y}) = sigmoid(logit_X -
 * logit_Y), the same number (the softmax's normaliser cancels), and p_X_raw, p_Y_raw are NaN (not computed).
 */
public record Readout(String name, String seq, int nX, int nY, double freqPX, double bayesPX,
        double logitX, double logitY, double logitDiff, double pXRaw, double pYRaw, double pXNorm, double pYNorm) {

    public static Readout of(Stimulus s, float[] lastLogits, int xId, int yId) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : lastLogits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : lastLogits) {
            sum += Math.exp(v - max);
        }
        double pX = Math.exp(lastLogits[xId] - max) / sum;
        double pY = Math.exp(lastLogits[yId] - max) / sum;
        double norm = pX + pY;
        return new Readout(s.name(), s.spaced(), s.nX(), s.nY(),
                Baselines.frequentist(s.nX(), s.nY()), Baselines.bayes(s.nX(), s.nY()),
                lastLogits[xId], lastLogits[yId], (double) lastLogits[xId] - lastLogits[yId],
                pX, pY, norm > 0 ? pX / norm : 0.5, norm > 0 ? pY / norm : 0.5);
    }

    /**
     * The mean of readouts of one stimulus (resample ablation's resamples): each number averaged, so pXNorm is the
     * mean of the renormalised probabilities, not the renormalised mean.
     */
    public static Readout mean(java.util.List<Readout> rs) {
        if (rs.size() == 1) {
            return rs.get(0);
        }
        Readout f = rs.get(0);
        double n = rs.size();
        double lx = 0, ly = 0, ld = 0, px = 0, py = 0, pxn = 0, pyn = 0;
        for (Readout r : rs) {
            if (!r.name().equals(f.name())) {
                throw new IllegalArgumentException("readouts of " + f.name() + " and " + r.name() + " averaged together");
            }
            lx += r.logitX();
            ly += r.logitY();
            ld += r.logitDiff();
            px += r.pXRaw();
            py += r.pYRaw();
            pxn += r.pXNorm();
            pyn += r.pYNorm();
        }
        return new Readout(f.name(), f.seq(), f.nX(), f.nY(), f.freqPX(), f.bayesPX(), lx / n, ly / n, ld / n, px / n,
                py / n, pxn / n, pyn / n);
    }

    /** From the X and Y logits alone (the two-column readout); p_X_raw and p_Y_raw are NaN: not computed. */
    public static Readout ofPair(Stimulus s, float logitX, float logitY) {
        double diff = (double) logitX - logitY;
        double pX = pXGivenPair(diff);
        return new Readout(s.name(), s.spaced(), s.nX(), s.nY(),
                Baselines.frequentist(s.nX(), s.nY()), Baselines.bayes(s.nX(), s.nY()),
                logitX, logitY, diff, Double.NaN, Double.NaN, pX, 1 - pX);
    }

    /** P(X | {X,Y}) = p_X / (p_X + p_Y) = 1 / (1 + exp(-(logit_X - logit_Y))), written to stay finite for any diff. */
    public static double pXGivenPair(double logitDiff) {
        return logitDiff >= 0 ? 1 / (1 + Math.exp(-logitDiff)) : Math.exp(logitDiff) / (1 + Math.exp(logitDiff));
    }
}
