package io.github.driftclaims.cli;

import io.github.driftclaims.ReportGroups;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.report.Evidence;
import io.github.driftclaims.train.PortableNumerics;
import io.qameta.allure.Description;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Epic(ReportGroups.SUITE_CHECKS)
@Feature("bit-for-bit retraining")
// The retrain runs in a child JVM (about 40 s on one core): beside the other classes, it uses the second core.
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("The default model's first 200 training steps retrain to the recorded bits on portable numerics, on any CPU")
class PortableRetrainTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("retrain --portable of the default model reproduces its portable_checkpoint hash, in a child JVM on one thread")
    @Description("The recipe's first steps from seed, hyperparameters and thread count in training.json, run with the kernels "
            + "every x86-64 CPU runs alike (ATEN_CPU_CAPABILITY=default, MKL_CBWR=COMPATIBLE) in a child JVM started with "
            + "them, must give the SHA-256 recorded in portable_checkpoint. The native hashes (checkpoint_sha256, "
            + "weights_sha256 after all steps) hold only on the CPU type that trained the model: on this project's second "
            + "machine type none of them came out the same (see PortableNumerics). The full retrain: ./mvnw -Pretrain verify.")
    void defaultModelRetrainsToTheRecordedBits() throws Exception {
        String model = Main.DEFAULT_MODEL;
        JsonObject rec = JsonParser.parseString(Files.readString(Path.of(model, "training.json"))).getAsJsonObject()
                .getAsJsonObject(PortableNumerics.RECORD_FIELD);
        MainTest.Result r = MainTest.cli("retrain", "--model", model, "--portable");
        Evidence.parameter("steps", rec.get("steps").getAsInt());
        Evidence.parameter("recorded on", rec.get("recorded_on").getAsString());
        Evidence.parameter("this machine", PortableNumerics.cpu());
        io.qameta.allure.Allure.addAttachment("retrain output", "text/plain", r.out() + r.err(), ".txt");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("on portable numerics").contains("  now      " + rec.get("sha256").getAsString())
                .endsWith("bit-identical\n");
    }

    @Test
    @DisplayName("a portable hash that does not match fails with exit code 1, and a record without one is an input error")
    void aWrongOrMissingPortableHashIsCaught() throws Exception {
        Path model = Path.of(Main.DEFAULT_MODEL);
        Path copy = Files.createDirectory(dir.resolve("model"));
        JsonObject record = JsonParser.parseString(Files.readString(model.resolve("training.json"))).getAsJsonObject();
        JsonObject portable = new JsonObject();
        // Five steps keep the child short; the hash is the real one of 200 steps, so five steps must differ.
        portable.addProperty("steps", 5);
        portable.addProperty("sha256", record.getAsJsonObject(PortableNumerics.RECORD_FIELD).get("sha256").getAsString());
        portable.addProperty("numerics", PortableNumerics.describe());
        portable.addProperty("recorded_on", "test");
        record.add(PortableNumerics.RECORD_FIELD, portable);
        Files.writeString(copy.resolve("training.json"), record.toString());
        MainTest.Result r = MainTest.cli("retrain", "--model", copy.toString(), "--portable");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("5 of 2000 steps on portable numerics").contains("DIFFERENT");

        record.remove(PortableNumerics.RECORD_FIELD);
        Files.writeString(copy.resolve("training.json"), record.toString());
        MainTest.Result missing = MainTest.cli("retrain", "--model", copy.toString(), "--portable");
        assertThat(missing.code()).as(missing.out() + missing.err()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("no portable_checkpoint").contains("--record-portable");
    }
}
