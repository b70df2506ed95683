package io.github.driftclaims.claims;

import io.github.driftclaims.report.Pin;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Verdict;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Claims 23 to 26 (the martingale diagnostics) and the models they run on, with the verdict each should get,
 * stated from what the model is before any martingale number was measured on it (the hypothesis: the
 * counting control is consistent with the martingale property, the induction model violates it, ablating its
 * drift heads moves it back inside). Kept apart from {@link Expected}: a measured difference is recorded here
 * as "finding (hypothesis was X)". The ensemble's seed-0 members are read by path, beside the shipped models.
 */
enum ExpectedMartingale {

    // The default is ensemble seed 0 and markov-switch seed 0 is a shipped control since the issue-12 swap; the
    // findings measured on them by path before it are kept under their new names, and the 8-head model's under
    // TOY_8H_SELECTED.
    LETTERS_ONLY(ModelUnderTest.LETTERS_ONLY, null, Kind.INDUCTION),
    TOY_INDUCTION(ModelUnderTest.TOY_INDUCTION, null, Kind.INDUCTION),
    COUNTING_CONTROL(ModelUnderTest.COUNTING_CONTROL, null, Kind.COUNTING),
    MARKOV_CONTROL(ModelUnderTest.MARKOV_CONTROL, null, Kind.RECENCY),
    TOY_8H_SELECTED(ModelUnderTest.TOY_8H_SELECTED, null, Kind.INDUCTION),
    ATTN_ONLY_2L(ModelUnderTest.ATTN_ONLY_2L, null, Kind.INDUCTION);

    /** What the model is, which is what the hypotheses are stated from. */
    enum Kind {
        /** Trained on repeated patterns (or TransformerLens's model, with the notebook's induction circuit). */
        INDUCTION,
        /** Trained on coin flips only: a counter of X and Y. */
        COUNTING,
        /** Trained on X/Y Markov chains with a per-sequence repeat probability: it predicts from recent switches. */
        RECENCY
    }

    final ModelUnderTest shipped;
    final Path path;
    final Kind kind;
    private final Map<Claim, Expected.Expectation> expected = new EnumMap<>(Claim.class);

    ExpectedMartingale(ModelUnderTest shipped, String path, Kind kind) {
        this.shipped = shipped;
        this.path = path == null ? null : Path.of(path);
        this.kind = kind;
        hypotheses();
    }

    String id() {
        return shipped != null ? shipped.id : path.getParent().getFileName() + "/" + path.getFileName();
    }

    Expected.Expectation expected(Claim c) {
        Expected.Expectation e = expected.get(c);
        if (e == null) {
            throw new IllegalArgumentException("no expectation for claim " + c.number() + " on " + id());
        }
        return e;
    }

    /** A hypothesis. */
    private void put(Claim c, Verdict v, String basis) {
        expected.put(c, new Expected.Expectation(v, basis));
    }

    /** A finding, with the commit that recorded it. */
    private void finding(Pin pin, Claim c, Verdict v, String basis) {
        expected.put(c, Expected.Expectation.finding(v, pin, basis));
    }

    /** The hypotheses, from the model's kind alone (2026-12-03, before any martingale measurement). */
    private void hypotheses() {
        switch (kind) {
            case COUNTING -> {
                String counts = "hypothesis: a counter's predictive is a function of the counts, which a Bayesian "
                        + "learner's is";
                put(Claim.MARTINGALE, Verdict.REPRODUCED, counts);
                put(Claim.MARTINGALE_ABLATED, Verdict.REPRODUCED, counts + "; its top two carry no copying to remove");
                put(Claim.BAYESIAN_UNCERTAINTY, Verdict.REPRODUCED, counts + ", with a Bayesian's uncertainty");
                put(Claim.MARTINGALE_RESTORED, Verdict.NOT_APPLICABLE, counts + ": nothing to restore");
            }
            case INDUCTION -> {
                String copies = "hypothesis: the induction circuit copies what followed the last symbol earlier, so "
                        + "its own samples feed back and its predictive drifts with them";
                put(Claim.MARTINGALE, Verdict.REFUTED, copies);
                put(Claim.MARTINGALE_ABLATED, Verdict.REPRODUCED, "hypothesis: without its drift heads what is left "
                        + "counts");
                put(Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, copies + ": its paths spread unlike a Bayesian's");
                put(Claim.MARTINGALE_RESTORED, Verdict.REPRODUCED, "hypothesis: the issue's, ablating the drift heads "
                        + "moves it back inside");
            }
            case RECENCY -> {
                String recent = "hypothesis: it was trained to predict from how often the sequence switched, so its "
                        + "samples are a Markov chain (T2's lag-1 correlation exceeds the others)";
                put(Claim.MARTINGALE, Verdict.REFUTED, recent);
                put(Claim.MARTINGALE_ABLATED, Verdict.REFUTED, recent + "; that is not carried by two heads");
                put(Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, recent);
                put(Claim.MARTINGALE_RESTORED, Verdict.REFUTED, recent + "; ablating two heads does not restore it");
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        findings();
    }

    /**
     * What the first measurement (2026-12-03, verify grid: n = 16, m in {8, 32}, theta in {0.3, 0.7}, J = 200,
     * K = 300, seed 14; after the rules and the hypotheses above were committed) gave where it differs from the
     * hypothesis. The full grid (-Pmartingale) is held to the same table, except where its first run differed
     * ({@link #fullGridFindings}).
     *
     * <p>Re-run 2026-12-06 under the calibrated count rule (chance allows 3 of 16 T1/T2,k and 0 of 4 T3 on this
     * grid, from fixtures/martingale-calibration.json; committed before this run): no verdict changed. T1/T2,k
     * outside as sampled / ablated: letters-only 2 / 11, toy-induction 7 / 12, counting control 0 / 1, markov
     * control 10 / 11, 8-head 2 / 10; T3 0 of 4 on each; none sits at the old or new line (2 or 3). attn-only-2l
     * was not in the cache and did not run. The full grid has no calibration and keeps the binomial.
     *
     * <p>Re-run 2026-12-06 with the outlier filter applied to the reference sets as to the model's paths (issue 27;
     * the verify design's calibration re-run first, thresholds unchanged at 3 of 16 and 0 of 4): no verdict changed.
     * T1/T2,k outside as sampled / ablated: letters-only 2 / 11, toy-induction 6 / 12 (was 7), counting control 1
     * (was 0) / 1, markov control 9 (was 10) / 11, 8-head 2 / 10; T3 0 of 4 on each.
     */
    private void findings() {
        String t3 = "finding (hypothesis was refuted): T3 inside the reference's interval in 4 of 4 cells";
        // name(), not ==: while the constants are being constructed their static fields are still null
        String which = name();
        if (which.equals("TOY_8H_SELECTED") || which.equals("TOY_INDUCTION") || which.equals("MARKOV_CONTROL")) {
            finding(Pins.MARTINGALE, Claim.BAYESIAN_UNCERTAINTY, Verdict.REPRODUCED, t3);
        }
        if (which.equals("TOY_8H_SELECTED")) {
            finding(Pins.MARTINGALE, Claim.MARTINGALE, Verdict.REPRODUCED, "finding (hypothesis was refuted): T1 and T2,k outside in 2 of 16 "
                    + "(T1 at m = 32, slightly negative at both theta), which chance allows");
            finding(Pins.MARTINGALE, Claim.MARTINGALE_ABLATED, Verdict.REFUTED, "finding (hypothesis was reproduced): with L0H3 + L1H4 ablated "
                    + "10 of 16 are outside, every T2,k at m = 32 far above its interval (rho_k > rho_1: its continuations "
                    + "alternate)");
            finding(Pins.NOT_APPLICABLE, Claim.MARTINGALE_RESTORED, Verdict.NOT_APPLICABLE, "finding (hypothesis was reproduced): consistent as "
                    + "sampled (nothing to restore), violated once ablated");
        }
        if (which.equals("TOY_INDUCTION")) {
            finding(Pins.MARTINGALE, Claim.MARTINGALE_ABLATED, Verdict.REFUTED, "finding (hypothesis was reproduced): 7 of 16 outside as "
                    + "sampled (T2,k positive), 12 of 16 with L1H1 + L0H0 ablated");
            finding(Pins.MARTINGALE, Claim.MARTINGALE_RESTORED, Verdict.REFUTED, "finding (hypothesis was reproduced): ablation adds violations "
                    + "(7 -> 12 of 16)");
        }
        if (which.equals("LETTERS_ONLY")) {
            // First measured 2026-12-06 when it became the default (verify grid, seed 14): its drift is small, and its
            // continuations behave like a Bayesian's until its drift heads are ablated.
            finding(Pins.LETTERS_DEFAULT, Claim.MARTINGALE, Verdict.REPRODUCED, "finding (hypothesis was refuted): T1 and T2,k outside in 2 of 16 "
                    + "(T1 at m = 32, slightly negative at both theta), which chance allows");
            finding(Pins.LETTERS_DEFAULT, Claim.MARTINGALE_ABLATED, Verdict.REFUTED, "finding (hypothesis was reproduced): with L0H0 + L1H1 "
                    + "ablated 11 of 16 are outside, mostly T2,k above their intervals");
            finding(Pins.LETTERS_DEFAULT, Claim.BAYESIAN_UNCERTAINTY, Verdict.REPRODUCED, t3);
            finding(Pins.LETTERS_DEFAULT, Claim.MARTINGALE_RESTORED, Verdict.NOT_APPLICABLE, "finding (hypothesis was reproduced): consistent as "
                    + "sampled (nothing to restore), violated once ablated");
        }
        if ("full".equals(System.getProperty(MartingaleClaims.GRID_PROPERTY))) {
            fullGridFindings(which);
        }
    }

    /**
     * The full design (-Pmartingale), where it differs from the table above. First run 2026-12-03 (one observed
     * sequence, seed 14, binomial count rule): the counting control's claim 24 and the markov control's claim 25.
     * Re-run 2026-12-06 on the design issue 27 asked for (10 observed sequences per cell, seeds 14-23; reference and
     * model paths filtered alike; the count threshold 54 of 660 T1/T2,k and 3 of 180 T3 from the simulated null,
     * fixtures/martingale-calibration-full.json; all committed before this run, pinned by e2c94a3): those two still
     * hold, and ten more cells differ, recorded here as findings. Claim 25 is refuted on every toy model: at m = n/2 = 5
     * the reference's T3 interval is a single value (0.40: the IQR of MLEs on 5 symbols is discrete), and the model's
     * paths give 0.20 in many of the 10 sequences; whether that is the model or the statistic's discreteness at m = 5
     * is not settled (FINDINGS.md). The property read (a system property the -Pmartingale profile sets) only chooses
     * which measurement the expectation is for.
     */
    private void fullGridFindings(String which) {
        String ten = "finding on the full design, 10 sequences a cell (2026-12-06): ";
        String t3 = ten + "T3 outside in %d of 180 (chance allows 3), mostly at m = 5 where the reference's interval is "
                + "the single value 0.40 and the model's IQR is 0.20";
        if (which.equals("COUNTING_CONTROL")) {
            finding(Pins.MARTINGALE_FULL_GRID, Claim.MARTINGALE_ABLATED, Verdict.REFUTED, "finding on the full grid (hypothesis was reproduced, as on "
                    + "the verify grid): with L1H0 + L0H1 ablated 9 of 66 T1/T2,k are outside (chance allows 6), T1 "
                    + "negative at m = 2n in 5 cells; held on the 10-sequence design");
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE, Verdict.REFUTED, ten + "58 of 660 T1/T2,k outside "
                    + "as sampled (chance allows 54; hypothesis was reproduced)");
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, String.format(t3, 21));
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE_RESTORED, Verdict.PARTLY, ten + "58 -> 57 of 660 "
                    + "with L1H0 + L0H1 ablated, still above 54 (was not applicable: consistent as sampled on one sequence)");
        }
        if (which.equals("MARKOV_CONTROL")) {
            finding(Pins.MARTINGALE_FULL_GRID, Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, "finding on the full grid (hypothesis was refuted; the "
                    + "verify grid's 4 cells were all inside): at theta = 0.3, n = 10 and 12, its paths' MLEs spread "
                    + "half as much as every one of the reference's 300 replicate sets (IQR 0.20 vs 0.40, 0.17 vs 0.33): "
                    + "4 of 18 outside (chance allows 3); held on the 10-sequence design");
        }
        if (which.equals("LETTERS_ONLY")) {
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE, Verdict.REFUTED, ten + "92 of 660 T1/T2,k outside "
                    + "as sampled (chance allows 54; one sequence gave 2 of 16)");
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, String.format(t3, 47));
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE_RESTORED, Verdict.REFUTED, ten + "92 -> 311 of 660 "
                    + "with L0H0 + L1H1 ablated: ablation adds violations");
        }
        if (which.equals("TOY_INDUCTION")) {
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, String.format(t3, 23));
        }
        if (which.equals("TOY_8H_SELECTED")) {
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE, Verdict.REFUTED, ten + "62 of 660 T1/T2,k outside "
                    + "as sampled (chance allows 54; one sequence gave 2 of 16)");
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.BAYESIAN_UNCERTAINTY, Verdict.REFUTED, String.format(t3, 24));
            finding(Pins.MARTINGALE_TEN_SEQUENCES, Claim.MARTINGALE_RESTORED, Verdict.REFUTED, ten + "62 -> 468 of 660 "
                    + "with L0H3 + L1H4 ablated: ablation adds violations");
        }
    }
}
