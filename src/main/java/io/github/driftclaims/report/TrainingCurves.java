package io.github.driftclaims.report;

import io.github.driftclaims.train.ToyTrainer;
import io.github.driftclaims.train.TrainingLog;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.PhaseChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A model's training log drawn as {@link TrainingCurveChart}: every logged curve, a field the log lacks listed as not
 * logged (never filled in), the ideal drift of an older log computed from its recipe and labelled so, the two steps
 * claim 30's rule compares, and the peak excess drift as an exploratory marker (no verdict rests on it).
 */
public final class TrainingCurves {

    /** Where the charts are written: reports/training/&lt;ensemble&gt;-seed-N.svg. */
    public static final Path DIR = Path.of("reports", "training");

    private static final String PEAK = "#d69e2e";

    private TrainingCurves() {}

    /** The chart's file for a model named {@code name} ("letters-only-2l-seed-0"). */
    public static Path file(String name) {
        return DIR.resolve(name + ".svg");
    }

    /** @param verdict claim 30's finding on this log, shown under the chart */
    public static String chart(String name, TrainingLog log, Finding verdict) {
        List<ToyTrainer.LogEntry> es = log.entries();
        boolean idealLogged = log.logsIdealDrift();
        double recipeIdeal = idealLogged ? Double.NaN : log.recipeIdealDrift();
        List<Integer> steps = es.stream().map(ToyTrainer.LogEntry::step).toList();
        List<TrainingCurveChart.Series> series = List.of(
                series("drift", TrainingCurveChart.DRIFT, false, es, ToyTrainer.LogEntry::drift),
                series(idealLogged ? "ideal drift" : "ideal drift (from the recipe)", TrainingCurveChart.IDEAL, true, es,
                        e -> log.idealDrift(e, recipeIdeal)),
                series(idealLogged ? "excess drift" : "excess drift (drift - recipe's ideal)", TrainingCurveChart.EXCESS,
                        false, es, e -> log.excessDrift(e, recipeIdeal)),
                series("best induction score, letters", TrainingCurveChart.INDUCTION, false, es,
                        ToyTrainer.LogEntry::bestInduction),
                series("best induction score, X/Y", TrainingCurveChart.INDUCTION, true, es,
                        ToyTrainer.LogEntry::bestInductionXY),
                series("best previous-token score, letters", TrainingCurveChart.PREV_TOKEN, false, es,
                        ToyTrainer.LogEntry::bestPrevToken),
                series("best previous-token score, X/Y", TrainingCurveChart.PREV_TOKEN, true, es,
                        ToyTrainer.LogEntry::bestPrevTokenXY));
        List<PhaseChange.Point> points = log.phaseChangePoints();
        PhaseChange.Crossings c = PhaseChange.crossings(points);
        List<TrainingCurveChart.Marker> markers = new ArrayList<>();
        if (c.excessStep() != null) {
            markers.add(new TrainingCurveChart.Marker(c.excessStep(), "excess at half its final: step " + c.excessStep(), TrainingCurveChart.EXCESS));
        }
        if (c.inductionStep() != null) {
            markers.add(new TrainingCurveChart.Marker(c.inductionStep(), "induction at half its final: step " + c.inductionStep(), TrainingCurveChart.INDUCTION));
        }
        PhaseChange.Point peak = PhaseChange.peak(points);
        if (peak != null) {
            markers.add(new TrainingCurveChart.Marker(peak.step(), "peak excess " + Svg.short3(peak.excessDrift())
                    + " at " + peak.step() + " (exploratory)", PEAK));
        }
        List<String> notes = new ArrayList<>();
        PhaseChange.Point last = points.get(points.size() - 1);
        notes.add(String.format(Locale.ROOT, "claim 30: %s; final excess drift %.4f, final induction score %.3f",
                verdict.verdictText(), last.excessDrift(), last.bestInduction()));
        notes.add("steps at which excess drift / induction score first reach half their final values: " + c.text());
        notes.add(String.format(Locale.ROOT, "logged at %d steps from %d to %d%s", es.size(), steps.get(0),
                steps.get(steps.size() - 1), idealLogged ? "" : "; ideal drift not logged: the ideal observer's for "
                        + "the recorded recipe (the same at every step)"));
        return TrainingCurveChart.svg(name + ": drift and head scores through training", steps, series, markers, notes);
    }

    private static TrainingCurveChart.Series series(String name, String colour, boolean dashed,
            List<ToyTrainer.LogEntry> es, ToDoubleFunction<ToyTrainer.LogEntry> f) {
        return new TrainingCurveChart.Series(name, colour, dashed, es.stream().map(e -> f.applyAsDouble(e)).toList());
    }
}
