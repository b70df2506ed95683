package io.github.driftclaims.hub;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A download progress line on stderr: bytes done, percentage and rate.
 *
 * <p>On a terminal it redraws one line with {@code \r}, at most ten times a second. When the stream is not
 * a terminal (CI logs, Maven output captured to a file) it prints a plain line at each quarter instead,
 * so logs stay short and the cost stays negligible.
 */
public final class ProgressBar {

    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long startNanos;
    private final long startBytes;
    private long done;
    private long lastDrawNanos;
    private int lastQuarter = -1;
    private int lastWidth;

    private ProgressBar(PrintStream out, boolean terminal, String label, long total, long alreadyDone) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.done = alreadyDone;
        this.startBytes = alreadyDone;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = startNanos - REDRAW_INTERVAL_NANOS;
    }

    /** Where progress goes; {@code null} stream means no output at all. */
    public record Output(PrintStream stream, boolean terminal) {

        /** stderr; {@code System.console()} is the only cheap terminal check the JDK offers. */
        public static Output stderr() {
            return new Output(System.err, System.console() != null);
        }

        public static Output none() {
            return new Output(null, false);
        }

        ProgressBar start(String label, long total, long alreadyDone) {
            return new ProgressBar(stream, terminal, label, total, alreadyDone);
        }
    }

    /** Records that {@code n} more bytes arrived. */
    public void advance(long n) {
        done += n;
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
                lastDrawNanos = now;
                draw(now, false);
            }
        } else if (total > 0) {
            int quarter = (int) Math.min(4, done * 4 / total);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                draw(now, false);
            }
        }
    }

    /** The download restarted from zero (the server ignored a Range request). */
    public void restart() {
        done = 0;
        lastQuarter = -1;
    }

    /** Final line; always printed so logs show what was downloaded. */
    public void finish() {
        if (out != null) {
            draw(System.nanoTime(), true);
        }
    }

    private void draw(long now, boolean last) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = Math.max(0, done - startBytes) / seconds;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            line.append(String.format(Locale.ROOT, "%3d%% ", (int) (done * 100 / total)));
            line.append(human(done)).append('/').append(human(total));
        } else {
            line.append(human(done));
        }
        line.append(' ').append(human((long) rate)).append("/s");
        if (terminal) {
            String text = line.toString();
            // Pad with spaces so a shorter line fully overwrites the previous one.
            String pad = " ".repeat(Math.max(0, lastWidth - text.length()));
            lastWidth = text.length();
            out.print("\r" + text + pad + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
