package io.github.driftclaims.model;

import static io.github.driftclaims.model.HostileFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check, through the real command line in a JVM of 256 MB: a decompression
 * bomb, an opcode flood and a huge-offset header each end in one {@code error:} line naming the file,
 * exit code 2 and no stack trace, within seconds.
 */
@DisplayName("The CLI refuses hostile model files with one error line, exit 2, in a 256 MB JVM")
class HostileInputCliTest {

    /** JVM start included; the refusal itself takes well under a second. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    record Outcome(int exit, String stdout, String stderr, Duration took) {}

    private Outcome runCli(Path model) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "io.github.driftclaims.cli.Main", "run", "--model",
                model.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 60 s on " + model);
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out), Files.readString(err),
                Duration.ofNanos(System.nanoTime() - start));
        Files.delete(out);
        Files.delete(err);
        return o;
    }

    private void assertOneErrorLine(Path model, Path file, String problem) throws Exception {
        Outcome o = runCli(model);
        assertThat(o.stderr()).as("stderr").startsWith("error: " + file + ": ").contains(problem).contains("Fix:")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(o.stderr().strip().lines()).as("one line").hasSize(1);
        assertThat(o.exit()).as("exit code").isEqualTo(2);
        assertThat(o.took()).as("wall time, JVM start included").isLessThan(BOUND);
    }

    @Test
    @DisplayName("2 MB bomb (declared or not), opcode flood, huge-offset header, named pipe: error line, exit 2, no trace")
    void hostileFilesEndInOneErrorLine() throws Exception {
        Path bombDir = modelDir(Files.createDirectory(dir.resolve("bomb")));
        Path bomb = bombDir.resolve("bomb_final.pth");
        int needed = StateDictParts.tiny().storages().get("1").length;
        writeBombPth(bomb, "1", 1900, needed + (1900L << 20)); // 2 MB, inflating to 1.9 GB
        assertThat(Files.size(bomb)).isLessThan(3L << 20);
        assertOneErrorLine(bombDir, bomb, "storage data/1 is ");
        writeBombPth(bomb, "1", 1900, needed); // the same, its directory declaring only the bytes needed
        assertOneErrorLine(bombDir, bomb, "storage data/1 inflates to more than");

        Path floodDir = modelDir(Files.createDirectory(dir.resolve("flood")));
        Path flood = floodDir.resolve("flood_final.pth");
        writePth(flood, new Pickle().proto().repeat(20_000_000, '(').op('.').bytes(), Map.of(), true);
        assertOneErrorLine(floodDir, flood, "Limits.PICKLE_BYTES");

        Path headerDir = modelDir(Files.createDirectory(dir.resolve("header")));
        Path header = headerDir.resolve("model.safetensors");
        SafetensorsParts st = SafetensorsParts.tiny();
        JsonObject unused = new JsonObject();
        unused.addProperty("dtype", "U8");
        JsonArray shape = new JsonArray();
        shape.add(Integer.MAX_VALUE);
        unused.add("shape", shape);
        JsonArray offsets = new JsonArray();
        offsets.add(0);
        offsets.add(Integer.MAX_VALUE);
        unused.add("data_offsets", offsets);
        st.header().add("unused", unused);
        st.write(header);
        assertOneErrorLine(headerDir, header, "overlaps");

        Path pipeDir = modelDir(Files.createDirectory(dir.resolve("pipe")));
        Path config = pipeDir.resolve("config.json");
        Files.delete(config);
        assertThat(new ProcessBuilder("mkfifo", config.toString()).start().waitFor()).isZero();
        Files.copy(Golden.DIR.resolve("model.safetensors"), pipeDir.resolve("model.safetensors"));
        assertOneErrorLine(pipeDir, config, "not a regular file");

        // A malformed precompiled_charsmap: the native tokenizer panics on it; the child it runs in dies, not the CLI.
        Path tokDir = modelDir(Files.createDirectory(dir.resolve("tokenizer")));
        Files.copy(Golden.DIR.resolve("model.safetensors"), tokDir.resolve("model.safetensors"));
        Path tokenizer = tokDir.resolve("tokenizer.json");
        JsonObject t = com.google.gson.JsonParser.parseString(Files.readString(tokenizer)).getAsJsonObject();
        JsonObject precompiled = new JsonObject();
        precompiled.addProperty("type", "Precompiled");
        precompiled.addProperty("precompiled_charsmap", "AAAAAA=="); // a double-array of length 0
        t.add("normalizer", precompiled);
        Files.writeString(tokenizer, t.toString());
        assertOneErrorLine(tokDir, tokenizer, "the native tokenizer crashed (exit "); // 134 (SIGABRT) on Linux

        assertThat(List.of(bombDir, floodDir, headerDir, pipeDir)).allSatisfy(d -> {
            try (var files = Files.list(d)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
            }
        });
    }
}
