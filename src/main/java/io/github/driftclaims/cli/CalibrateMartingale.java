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
import java.util.Map;

/**
 * Writes the martingale rule's calibration record ({@link MartingaleCalibrationJson#PATH}) for
 * {@link MartingaleGrid#VERIFY}, with the settings fixed in {@link MartingaleCalibration}: the only way the record
 * changes. Takes no arguments. Several minutes on two cores: {@value #COMMAND}.
 */
public final class CalibrateMartingale {

    public static final String COMMAND = "nice ./mvnw -Pmartingale-calibration -DskipTests verify";

    private CalibrateMartingale() {}

    public static void main(String[] args) throws IOException {
        // exec:java passes the pom's empty exec.args as one blank argument
        long given = java.util.Arrays.stream(args).filter(a -> !a.isBlank()).count();
        if (given != 0) {
            System.err.println("error: the martingale calibration takes no arguments (got " + given
                    + "); its settings are fixed in MartingaleCalibration: run " + COMMAND);
            System.exit(Main.INPUT_ERROR);
        }
        MartingaleGrid grid = MartingaleGrid.VERIFY;
        long t0 = System.nanoTime();
        MartingaleCalibration.Counts nul = MartingaleCalibration.nullCounts(grid);
        Map<Double, MartingaleCalibration.Counts> power = new LinkedHashMap<>();
        for (double stay : MartingaleCalibration.POWER_STAYS) {
            power.put(stay, MartingaleCalibration.powerCounts(grid, stay));
        }
        Path out = ProjectFiles.resolve(Path.of(MartingaleCalibrationJson.PATH));
        TextFiles.writeAtomically(out, NotebookJson.pretty(MartingaleCalibrationJson.of(grid, nul, power, COMMAND)) + "\n");
        System.out.printf(java.util.Locale.ROOT, "Wrote %s in %.0f s%n", out, (System.nanoTime() - t0) / 1e9);
    }
}
