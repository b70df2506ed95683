package io.github.driftclaims.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The download progress bar")
class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("redraws a single line with carriage returns on a terminal")
    void terminalRedrawsOneLine() {
        ProgressBar bar = new ProgressBar.Output(stream, true).start("model_final.pth", 2048, 0);
        bar.advance(1024);
        bar.advance(1024);
        bar.finish();

        assertThat(printed()).startsWith("\rmodel_final.pth ").contains("100%").contains("2.0 KB/2.0 KB")
                .endsWith(System.lineSeparator());
        assertThat(printed().chars().filter(c -> c == '\n')).as("one line, ended once").hasSize(1);
        assertThat(printed().chars().filter(c -> c == '\r')).as("redrawn in place").hasSize(2);
    }

    @Test
    @DisplayName("prints only a handful of plain lines when the output is not a terminal")
    void logOutputIsShort() {
        ProgressBar bar = new ProgressBar.Output(stream, false).start("model_final.pth", 1_000_000, 0);
        for (int i = 0; i < 1000; i++) {
            bar.advance(1000);
        }
        bar.finish();

        assertThat(printed()).doesNotContain("\r");
        assertThat(printed().lines()).hasSizeBetween(2, 5).last().asString().contains("100%");
    }

    @Test
    @DisplayName("counts bytes resumed from a partial file towards the percentage")
    void resumedBytesCount() {
        ProgressBar bar = new ProgressBar.Output(stream, false).start("f", 4096, 2048);
        bar.finish();

        assertThat(printed()).contains(" 50%").contains("2.0 KB/4.0 KB");
    }

    @Test
    @DisplayName("shows bytes and rate without a percentage when the size is unknown")
    void unknownSize() {
        ProgressBar bar = new ProgressBar.Output(stream, false).start("f", -1, 0);
        bar.advance(3 * 1024 * 1024);
        bar.finish();

        assertThat(printed()).contains("3.0 MB").contains("/s").doesNotContain("%");
    }

    @Test
    @DisplayName("prints nothing when there is no output stream")
    void silent() {
        ProgressBar bar = ProgressBar.Output.none().start("f", 10, 0);
        bar.advance(10);
        bar.finish();

        assertThat(printed()).isEmpty();
    }
}
