package io.github.driftclaims.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar with step, loss and ETA. On a terminal it redraws in place; otherwise (CI
 * logs) it prints a line at every evaluation, so logs stay short.
 */
final class Progress {

    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void update(ToyTrainer.LogEntry e) {
        boolean eval = !Double.isNaN(e.drift());
        long now = System.nanoTime();
        if (!eval && (!terminal || now - lastDraw < 200_000_000L) && e.step() != total) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / e.step() * (total - e.step());
        int width = 30;
        int filled = (int) ((long) width * e.step() / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String line = String.format(Locale.ROOT, "[%s] step %d/%d  loss %.4f  %.0fs elapsed  ETA %.0fs", bar, e.step(),
                total, e.loss(), elapsed, eta);
        if (eval) {
            line += String.format(Locale.ROOT, "  drift %.3f (excess %+.3f)  induction %.2f (X/Y %.2f)"
                    + "  prev-token %.2f (X/Y %.2f)", e.drift(), e.excessDrift(), e.bestInduction(), e.bestInductionXY(),
                    e.bestPrevToken(), e.bestPrevTokenXY());
        }
        if (terminal) {
            out.print("\r" + line + (eval ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
