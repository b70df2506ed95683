package io.github.driftclaims.cli;

import io.github.driftclaims.ProjectFiles;
import io.github.driftclaims.martingale.MartingaleCalibration;
import io.github.driftclaims.martingale.MartingaleGrid;
import io.github.driftclaims.report.MartingaleCalibrationJson;
import io.github.driftclaims.report.NotebookJson;
import io.github.driftclaims.report.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the martingale rule's calibration records with the settings fixed in {@link MartingaleCalibration}: the
 * only way they change. {@link MartingaleCalibrationJson#PATH} for {@link MartingaleGrid#VERIFY} (one sequence per
 * cell; a few minutes on two cores), then {@link MartingaleCalibrationJson#FULL_PATH} for the toy models' full design
 * {@link MartingaleGrid#TOY_FULL} (18 cells, 10 sequences each: about an hour of one core). No argument runs both;
 * {@code verify} or {@code full} runs one: {@value #COMMAND}.
 */
public final class CalibrateMartingale {

    public static final String COMMAND = "nice ./mvnw -Pmartingale-calibration -DskipTests verify";
    static final List<String> DESIGNS = List.of("verify", "full");

    private CalibrateMartingale() {}

    public static void main(String[] args) throws IOException {
        // exec:java passes the pom's empty exec.args as one blank argument
        List<String> given = java.util.Arrays.stream(args).filter(a -> !a.isBlank()).toList();
        if (given.size() > 1 || given.size() == 1 && !DESIGNS.contains(given.get(0))) {
            System.err.println("error: the martingale calibration takes at most one argument, verify or full (got "
                    + given.size() + (given.size() == 1 ? ", not one of them" : "") + "); run " + COMMAND
                    + " (both) or add -Dexec.args=verify");
            System.exit(Main.INPUT_ERROR);
        }
        if (given.isEmpty() || given.contains("verify")) {
            calibrate(MartingaleGrid.VERIFY, MartingaleCalibrationJson.PATH);
        }
        if (given.isEmpty() || given.contains("full")) {
            calibrate(MartingaleGrid.TOY_FULL, MartingaleCalibrationJson.FULL_PATH);
        }
    }

    static void calibrate(MartingaleGrid grid, String path) throws IOException {
        long t0 = System.nanoTime();
        Path out = ProjectFiles.resolve(Path.of(path));
        MartingaleCalibration.Counts nul = MartingaleCalibration.nullCounts(grid);
        Map<Double, MartingaleCalibration.Counts> power = new LinkedHashMap<>();
        // The record is rewritten after the null and after each stay, so that a long run stopped part-way keeps what it
        // measured (the threshold needs the null alone).
        TextFiles.writeAtomically(out, NotebookJson.pretty(MartingaleCalibrationJson.of(grid, nul, power, COMMAND)) + "\n");
        System.out.printf(java.util.Locale.ROOT, "%s: null in %.0f s%n", path, (System.nanoTime() - t0) / 1e9);
        for (double stay : MartingaleCalibration.powerPlan(grid).stays()) {
            power.put(stay, MartingaleCalibration.powerCounts(grid, stay));
            TextFiles.writeAtomically(out, NotebookJson.pretty(MartingaleCalibrationJson.of(grid, nul, power, COMMAND))
                    + "\n");
            System.out.printf(java.util.Locale.ROOT, "%s: stay %s in %.0f s%n", path, stay, (System.nanoTime() - t0) / 1e9);
        }
    }
}
