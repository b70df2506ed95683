package io.github.driftclaims.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AllureEnvironmentTest {

    @Test
    void mergesEntriesFromManyThreadsWithoutLosingAny(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results").resolve(AllureEnvironment.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "java.version=17\n"); // seeded by the build before the tests run

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = IntStream.range(0, 32)
                    .mapToObj(i -> pool.submit(() -> AllureEnvironment.merge(file, Map.of("model." + i, "m" + i))))
                    .toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        Map<String, String> merged = AllureEnvironment.read(file);
        assertThat(merged).hasSize(33).containsEntry("java.version", "17").containsEntry("model.31", "m31");
    }

    @Test
    void laterValuesWinAndOddCharactersSurviveTheRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve(AllureEnvironment.FILE_NAME);
        AllureEnvironment.merge(file, Map.of("model", "attn-only-2l", "prompt", "a=b: c # d · é"));
        AllureEnvironment.merge(file, Map.of("model", "toy-induction-2l"));

        assertThat(AllureEnvironment.read(file))
                .containsEntry("model", "toy-induction-2l")
                .containsEntry("prompt", "a=b: c # d · é");
    }

    @Test
    void writesIntoTheAllureResultsDirectory() {
        AllureEnvironment.put("report.helpers", "io.github.driftclaims.report");
        assertThat(AllureEnvironment.read(AllureEnvironment.resultsDirectory().resolve(AllureEnvironment.FILE_NAME)))
                .containsEntry("report.helpers", "io.github.driftclaims.report");
    }
}
