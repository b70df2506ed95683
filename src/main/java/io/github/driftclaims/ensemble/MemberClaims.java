package io.github.driftclaims.ensemble;

import io.github.driftclaims.interp.AblationKindsEvidence;
import io.github.driftclaims.interp.ActivationPatching;
import io.github.driftclaims.interp.CircuitEvidence;
import io.github.driftclaims.interp.DriftResult;
import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.IdealDrift;
import io.github.driftclaims.interp.IdealObserver;
import io.github.driftclaims.interp.PathPatching;
import io.github.driftclaims.interp.PromptStyle;
import io.github.driftclaims.interp.Sufficiency;
import io.github.driftclaims.martingale.MartingaleExperiment;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.model.HookedTransformer;
import io.github.driftclaims.train.TrainConfig;
import io.github.driftclaims.train.TrainingLog;
import io.github.driftclaims.verdict.AblationMeasurements;
import io.github.driftclaims.verdict.CausalRules;
import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.IdealMeasurements;
import io.github.driftclaims.verdict.LaterMeasurements;
import io.github.driftclaims.verdict.MartingaleMeasurements;
import io.github.driftclaims.verdict.Measurements;
import io.github.driftclaims.verdict.OrderingsMeasurements;
import io.github.driftclaims.verdict.PatchingMeasurements;
import io.github.driftclaims.verdict.PathMeasurements;
import io.github.driftclaims.verdict.PhaseChange;
import io.github.driftclaims.verdict.Rules;
import io.github.driftclaims.verdict.SufficiencyMeasurements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every claim's rule on one ensemble member, from the same measurements and rules the verdict matrix applies to the
 * shipped models. How much is measured is the {@link Scope}: verify's budget allows what {@link CircuitEvidence}
 * already measures; the rest (every head and pair ablated three ways, the patching table, the martingale check) runs
 * in the {@code -Pensembles} profile.
 */
public final class MemberClaims {

    /** How much of the suite a run measures on each member. */
    public enum Scope {
        /**
         * Claims 4-16, 27, 28, 30-37: the notebook's workload, the later cells, the ideal observer, the 20 orderings,
         * the training log, path patching and sufficiency.
         */
        VERIFY("verify"),
        /** And claims 17-22 (ablation kinds, best pair, attribution) and 29 (patching). */
        ALL("all"),
        /** And claims 23-26, the martingale check on verify's grid (about 5 s per 2-head member). */
        ALL_WITH_MARTINGALE("all+martingale");

        public final String id;

        Scope(String id) {
            this.id = id;
        }

        /** {@code verify}, {@code all} or {@code all+martingale} (-Densembles.claims); null or blank is VERIFY. */
        public static Scope parse(String text) {
            if (text == null || text.isBlank()) {
                return VERIFY;
            }
            for (Scope s : values()) {
                if (s.id.equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("-Densembles.claims must be verify, all or all+martingale, not "
                    + io.github.driftclaims.Excerpt.of(text));
        }
    }

    private MemberClaims() {}

    /**
     * The member's findings and the dose-response numbers.
     *
     * @param e the member's {@link CircuitEvidence}, measured by the caller (which also gates it on its regression
     *     record)
     */
    public static MemberFindings measure(Ensemble.Member member, HookedTransformer model, CircuitEvidence e,
            Scope scope) {
        List<Finding> findings = new ArrayList<>(Rules.all(Measurements.of(e),
                LaterMeasurements.of(e, PromptStyle.SEQUENCE)));
        DriftResult base = e.run().baseline();
        IdealObserver observer = TrainConfig.recordedIn(member.dir()).map(c -> new IdealObserver(c.mixture()))
                .orElse(null);
        IdealDrift ideal = observer == null ? null : observer.over(base);
        findings.add(Rules.excessDrift(IdealMeasurements.of(base, ideal)));
        // Claims 31-35: claims 8, 12-14 and 16 against the ideal observer; pure arithmetic on the evidence.
        findings.addAll(io.github.driftclaims.verdict.IdealRules.all(
                io.github.driftclaims.verdict.IdealBaselines.of(e, observer)));
        findings.add(Rules.orderingsCollapse(OrderingsMeasurements.of(e.orderings())));
        // Claim 30 reads the training log alone: no inference, so verify's scope has it.
        findings.add(TrainingLog.recordedIn(member.dir()).map(l -> PhaseChange.phaseChange(l.phaseChangePoints()))
                .orElse(Finding.undetermined(Claim.PHASE_CHANGE, "no training.json: no training log")));
        List<Head> driftHeads = e.run().topK().heads();
        // Claims 36 and 37: path patching (one batched forward per receiver input) and sufficiency (one batched
        // mean-ablation run over the 20 orderings); cheap enough for verify's scope, and the rules' fresh test.
        findings.add(CausalRules.keyPath(PathMeasurements.of(PathPatching.measure(model), driftHeads)));
        findings.add(CausalRules.driftHeadsSufficient(SufficiencyMeasurements.of(Sufficiency.measure(model,
                Map.of("drift heads", driftHeads)), driftHeads)));
        if (scope != Scope.VERIFY) {
            findings.addAll(Rules.ablation(AblationMeasurements.of(AblationKindsEvidence.measure(model))));
            findings.add(Rules.patchingTransfers(PatchingMeasurements.of(ActivationPatching.measure(model, driftHeads))));
        }
        if (scope == Scope.ALL_WITH_MARTINGALE) {
            findings.addAll(Rules.martingale(MartingaleMeasurements.of(MartingaleExperiment.run(model, driftHeads,
                    MartingaleGrid.VERIFY))));
        }
        findings.sort(java.util.Comparator.comparing(Finding::claim));
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put(MemberFindings.DRIFT, base.drift());
        if (ideal != null) {
            numbers.put(MemberFindings.IDEAL_DRIFT, ideal.drift());
            numbers.put(MemberFindings.EXCESS_DRIFT, ideal.excess(base));
        }
        return new MemberFindings(member.ensemble().name(), member.seed(), findings, numbers);
    }
}
