package io.github.driftclaims.model;

import static io.github.driftclaims.model.HostileFiles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per class of hostile input found by attacking {@code run} (issue 10): each is refused
 * quickly, with a ModelLoadException naming the file and the limit or check it failed, before any
 * large allocation or inflation.
 */
@DisplayName("Hostile model files are refused quickly, within bounded memory, with a clear error")
class HostileInputTest {

    /** Far more than any of these needs on the new code; far less than the old code took. */
    private static final Duration QUICK = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    /** Loads {@code file} whole (every tensor read) and expects a ModelLoadException naming it, quickly. */
    private AbstractThrowableAssert<?, ? extends Throwable> refusedQuickly(Path file) {
        long start = System.nanoTime();
        AbstractThrowableAssert<?, ? extends Throwable> refused = assertThatThrownBy(() -> StateDict.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(file.toString() + ": ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to refuse").isLessThan(QUICK);
        return refused;
    }

    @Test
    @DisplayName("sanity: the builders make a valid .pth and .safetensors from the fixture")
    void buildersMakeValidFiles() {
        Path pth = dir.resolve("ok_final.pth");
        StateDictParts.tiny().writePth(pth);
        assertThat(StateDict.read(pth).tensors()).hasSameSizeAs(tinyTensors());
        Path st = dir.resolve("model.safetensors");
        SafetensorsParts.tiny().write(st);
        assertThat(StateDict.read(st).get("embed.W_E").data()).isEqualTo(tinyTensors().get("embed.W_E").data());
    }

    @Test
    @DisplayName("sanity: the hand-written bomb archive is a zip whose entry inflates to its bytes plus the zeros")
    void bombBuilderInflatesAsClaimed() throws Exception {
        Path pth = dir.resolve("small_bomb_final.pth");
        byte[] real = StateDictParts.tiny().storages().get("0");
        writeBombPth(pth, "0", 3, real.length + (3L << 20));
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(pth.toFile());
                java.io.InputStream in = zip.getInputStream(zip.getEntry("archive/data/0"))) {
            byte[] inflated = in.readAllBytes();
            assertThat(inflated).hasSize(real.length + (3 << 20));
            assertThat(java.util.Arrays.copyOf(inflated, real.length)).isEqualTo(real);
        }
        writeBombPth(pth, "0", 0, real.length);
        assertThat(StateDict.read(pth).tensors()).hasSameSizeAs(tinyTensors());
    }

    @Test
    @DisplayName("decompression bomb, as the issue found it: a 2 MB file whose entry inflates to 1.9 GB is refused"
            + " from the zip directory, unread")
    void twoMegabyteBomb() {
        Path pth = dir.resolve("bomb2mb_final.pth");
        writeBombPth(pth, "0", 1900, 2368 + (1900L << 20));
        assertThat(pth.toFile().length()).isBetween(1L << 20, 3L << 20);
        refusedQuickly(pth).hasMessageContaining("storage data/0 is " + (2368 + (1900L << 20)) + " bytes in the archive");
    }

    @Test
    @DisplayName("a bomb that lies about its size (its directory declares the 2368 bytes the tensor needs, it inflates"
            + " to 1.9 GB) is refused after inflating at most one byte past them")
    void bombThatUnderstatesItsSize() {
        Path pth = dir.resolve("liar_final.pth");
        writeBombPth(pth, "0", 1900, 2368);
        refusedQuickly(pth).hasMessageContaining("storage data/0 inflates to more than the 2368 bytes");
    }

    @Test
    @DisplayName("opcode flood: 20 million MARKs are refused at the pickle size limit, before one runs")
    void opcodeFlood() {
        Path pth = dir.resolve("flood_final.pth");
        writePth(pth, new Pickle().proto().repeat(20_000_000, '(').op('.').bytes(), Map.of(), true);
        refusedQuickly(pth).hasMessageContaining("Limits.PICKLE_BYTES");
    }

    @Test
    @DisplayName("pickle limits: opcode count, stack depth, memo size and text line length are each bounded and named")
    void pickleLimits() {
        Path opcodes = dir.resolve("opcodes_final.pth");
        writePth(opcodes, new Pickle().proto().repeat(1_500_000, '(', '1').op('}', '.').bytes(), Map.of(), true);
        refusedQuickly(opcodes).hasMessageContaining("Limits.PICKLE_OPCODES");

        Path stack = dir.resolve("stack_final.pth");
        writePth(stack, new Pickle().proto().repeat(200_000, '(').op('.').bytes(), Map.of(), true);
        refusedQuickly(stack).hasMessageContaining("Limits.PICKLE_STACK");

        Pickle memo = new Pickle().proto();
        for (int i = 0; i < 150_000; i++) {
            memo.op(')', 'r', i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0, '0'); // LONG_BINPUT i, POP
        }
        Path memoFile = dir.resolve("memo_final.pth");
        writePth(memoFile, memo.op('}', '.').bytes(), Map.of(), true);
        refusedQuickly(memoFile).hasMessageContaining("Limits.PICKLE_MEMO");

        Path line = dir.resolve("line_final.pth");
        writePth(line, new Pickle().proto().op('c').repeat(2 * Limits.PICKLE_LINE_BYTES, 'a').op('\n').bytes(),
                Map.of(), true); // a GLOBAL whose module name never ends within the limit
        refusedQuickly(line).hasMessageContaining("Limits.PICKLE_LINE_BYTES");
    }

    @Test
    @DisplayName("a length prefix larger than the pickle is refused before anything is allocated for it")
    void lengthPrefixBeyondThePickle() {
        Path pth = dir.resolve("len_final.pth");
        // BINBYTES8 announcing 2^40 bytes
        writePth(pth, new Pickle().proto().op(0x8e, 0, 0, 0, 0, 0, 1, 0, 0).op('.').bytes(), Map.of(), false);
        refusedQuickly(pth).hasMessageContaining("announces 1099511627776 bytes");
    }

    @Test
    @DisplayName("integer overflow: a storage of 2^62 elements at offset 2^61 is refused, not read from its start")
    void storageSizeOverflow() {
        StateDictParts parts = StateDictParts.tiny();
        Path pth = dir.resolve("overflow_final.pth");
        parts.with(0, parts.tensors().get(0).withStorage("FloatStorage", BigInteger.TWO.pow(62),
                BigInteger.TWO.pow(61))).writePth(pth);
        refusedQuickly(pth).hasMessageContaining("checkpoint is corrupt").hasMessageContaining("storage 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"negative offset", "negative stride", "stride list shorter than the shape",
            "offset past the storage", "string offset", "float size", "size beyond a long"})
    @DisplayName("a malformed tensor description is a clean error naming the file")
    void malformedTensor(String kind) {
        StateDictParts parts = StateDictParts.tiny();
        HostileFiles.Tensor t = parts.tensors().get(0); // embed.W_E [37, 16], 592 elements
        byte[] pickle = switch (kind) {
            case "negative offset" -> stateDictPickle(parts.with(0, t.withStorage("FloatStorage", t.numel(),
                    BigInteger.valueOf(-16))).tensors());
            case "negative stride" -> stateDictPickle(parts.with(0, t.withStride(-16, 1)).tensors());
            case "stride list shorter than the shape" -> stateDictPickle(parts.with(0, t.withStride(16)).tensors());
            case "offset past the storage" -> stateDictPickle(parts.with(0, t.withStorage("FloatStorage", t.numel(),
                    BigInteger.ONE)).tensors());
            default -> {
                byte[] valid = stateDictPickle(parts.tensors());
                // The first tensor's offset is the first BININT1 0 after its persistent id ('Q').
                int at = indexOf(valid, new byte[] {'Q', 'K', 0}) + 1;
                byte[] replacement = switch (kind) {
                    case "string offset" -> new Pickle().str("0").bytes();
                    case "float size" -> new byte[] {'G', 0x40, 0x30, 0, 0, 0, 0, 0, 0}; // BINFLOAT 16.0
                    default -> new Pickle().integer(BigInteger.TWO.pow(70)).bytes();
                };
                yield splice(valid, at, 2, replacement);
            }
        };
        Path pth = dir.resolve("bad_final.pth");
        writePth(pth, pickle, parts.storages(), false);
        refusedQuickly(pth).hasMessageContaining("corrupt");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REDUCE on a non-callable", "REDUCE with a non-tuple", "empty stack", "BUILD on a list",
            "self-referencing dict key", "deeply nested dict key", "truncated", "list root", "integer key"})
    @DisplayName("a malformed pickle is a clean error naming the file, never a Java exception or stack overflow")
    void malformedPickle(String kind) {
        Pickle p = new Pickle().proto();
        switch (kind) {
            case "REDUCE on a non-callable" -> p.op('K', 1, ')', 'R', '.');
            case "REDUCE with a non-tuple" -> p.global("collections", "OrderedDict").op('K', 1, 'R', '.');
            case "empty stack" -> p.op('R', '.');
            case "BUILD on a list" -> p.op(']', '}', 'b', '.');
            case "self-referencing dict key" -> p.op('}', ']', 'q', 0, 'h', 0, 'a', 'K', 1, 's', '.');
            case "deeply nested dict key" -> {
                p.op('}', ']', 'q', 0);
                p.repeat(150_000, ']', 'h', 0, 'a', 'q', 0, '0'); // x = [x]
                p.op('h', 0, 'K', 1, 's', '.');
            }
            case "truncated" -> p.global("collections", "OrderedDict").op(')');
            case "list root" -> p.op(']', '.');
            default -> p.op('}', 'K', 1, 'K', 2, 's', '.');
        }
        Path pth = dir.resolve("bad_final.pth");
        writePth(pth, p.bytes(), Map.of(), false);
        refusedQuickly(pth);
    }

    @Test
    @DisplayName("a float64 or integer tensor is named as an unsupported dtype, not as a missing key (.pth and .safetensors)")
    void unsupportedDtypeIsNamed() throws IOException {
        Path d = modelDir(dir);
        StateDictParts parts = StateDictParts.tiny();
        HostileFiles.Tensor t = parts.tensors().get(0);
        Map<String, byte[]> storages = new java.util.LinkedHashMap<>(parts.storages());
        storages.put("0", new byte[592 * 8]);
        Path pth = d.resolve("double_final.pth");
        writePth(pth, stateDictPickle(parts.with(0, t.withStorage("DoubleStorage", t.numel(), BigInteger.ZERO))
                .tensors()), storages, false);
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), false))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("key 'embed.W_E' has the unsupported dtype DOUBLE")
                .hasMessageNotContaining("missing key");
        Files.delete(pth);

        SafetensorsParts st = SafetensorsParts.tiny();
        st.entry("embed.W_E").addProperty("dtype", "I32");
        st.write(d.resolve("model.safetensors"));
        assertThatThrownBy(() -> ModelLoader.load(ModelFiles.fromDirectory(d), false))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("key 'embed.W_E' has the unsupported dtype I32")
                .hasMessageNotContaining("missing key");
    }

    @Test
    @DisplayName("safetensors: an unused entry spanning 2 GiB of a 17 KB file is refused without allocating")
    void safetensorsHugeOffset() {
        SafetensorsParts st = SafetensorsParts.tiny();
        JsonObject unused = new JsonObject();
        unused.addProperty("dtype", "U8");
        JsonArray shape = new JsonArray();
        shape.add((1L << 31) - 64);
        unused.add("shape", shape);
        JsonArray offsets = new JsonArray();
        offsets.add(0);
        offsets.add((1L << 31) - 64);
        unused.add("data_offsets", offsets);
        st.header().add("unused", unused);
        Path f = dir.resolve("model.safetensors");
        st.write(f);
        refusedQuickly(f).hasMessageContaining("overlaps");
    }

    @Test
    @DisplayName("safetensors: overlapping tensors, gaps and bytes past the last tensor are refused")
    void safetensorsOverlapAndGaps() {
        SafetensorsParts st = SafetensorsParts.tiny();
        st.entry("blocks.0.ln1.b").add("data_offsets", st.entry("blocks.0.ln1.w").get("data_offsets"));
        Path f = dir.resolve("model.safetensors");
        st.write(f);
        refusedQuickly(f).hasMessageContaining("overlaps the tensor before it");

        SafetensorsParts longer = SafetensorsParts.tiny();
        new SafetensorsParts(longer.header(), java.util.Arrays.copyOf(longer.data(), longer.data().length + 4)).write(f);
        refusedQuickly(f).hasMessageContaining("the tensors use only");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"comment", "single quotes", "unquoted key", "trailing comma", "duplicate key",
            "entry not an object", "fractional offset", "string shape", "unknown dtype", "no dtype"})
    @DisplayName("safetensors: a header that is not strict, well-typed JSON is refused")
    void safetensorsHeaderNotStrict(String kind) {
        SafetensorsParts st = SafetensorsParts.tiny();
        String text = st.header().toString();
        String edited = switch (kind) {
            case "comment" -> "{/* x */" + text.substring(1);
            case "single quotes" -> text.replace("\"__metadata__\"", "'__metadata__'");
            case "unquoted key" -> text.replace("\"__metadata__\"", "__metadata__");
            case "trailing comma" -> text.substring(0, text.length() - 1) + ",}";
            case "duplicate key" -> "{\"__metadata__\":{}," + text.substring(1);
            case "entry not an object" -> "{\"x\":5," + text.substring(1);
            case "fractional offset" -> text.replaceFirst("\"data_offsets\":\\[0,", "\"data_offsets\":[0.0,");
            case "string shape" -> text.replaceFirst("\"shape\":\\[(\\d+)", "\"shape\":[\"$1\"");
            case "unknown dtype" -> text.replaceFirst("\"F32\"", "\"F33\"");
            default -> text.replaceFirst("\"dtype\":\"F32\",", "");
        };
        assertThat(edited).isNotEqualTo(text);
        Path f = dir.resolve("model.safetensors");
        writeSafetensors(f, edited, st.data());
        refusedQuickly(f).hasMessageContaining("safetensors");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n_layers: 100000000", "n_ctx: 4294967312", "n_ctx: 2147483648", "d_model: 16.0",
            "d_model: \"16\"", "d_model: 1.6e1", "d_model: -16", "d_vocab: 4000000 x d_model: 65536",
            "comment", "single quotes", "unquoted key", "attn_only: 1", "duplicate key"})
    @DisplayName("config.json: every integer field integral, positive and bounded; strict JSON only")
    void configRefused(String kind) throws IOException {
        String valid = Files.readString(Golden.DIR.resolve("config.json"));
        String edited = switch (kind) {
            case "n_layers: 100000000" -> valid.replace("\"n_layers\": 2", "\"n_layers\": 100000000");
            case "n_ctx: 4294967312" -> valid.replace("\"n_ctx\": 16", "\"n_ctx\": 4294967312");
            case "n_ctx: 2147483648" -> valid.replace("\"n_ctx\": 16", "\"n_ctx\": 2147483648");
            case "d_model: 16.0" -> valid.replace("\"d_model\": 16", "\"d_model\": 16.0");
            case "d_model: \"16\"" -> valid.replace("\"d_model\": 16", "\"d_model\": \"16\"");
            case "d_model: 1.6e1" -> valid.replace("\"d_model\": 16", "\"d_model\": 1.6e1");
            case "d_model: -16" -> valid.replace("\"d_model\": 16", "\"d_model\": -16");
            case "d_vocab: 4000000 x d_model: 65536" -> valid.replace("\"d_model\": 16", "\"d_model\": 65536")
                    .replace("\"d_vocab\": 37", "\"d_vocab\": 4000000");
            case "comment" -> valid.replace("{", "{ // hi\n");
            case "single quotes" -> valid.replace("\"act_fn\"", "'act_fn'");
            case "unquoted key" -> valid.replace("\"act_fn\"", "act_fn");
            case "attn_only: 1" -> valid.replace("\"attn_only\": true", "\"attn_only\": 1");
            default -> valid.replace("{", "{\"d_model\": 16,");
        };
        assertThat(edited).isNotEqualTo(valid);
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, edited);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelConfig.read(cfg))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(cfg + ": ")
                .hasMessageNotContaining("-2147483648")
                .hasMessageContaining(kind.startsWith("n_ctx") ? kind.substring("n_ctx: ".length()) : "");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);
    }

    @Test
    @DisplayName("config.json: 128 layers x 128 heads (a 17 MB checkpoint) is refused by the sweep's estimated cost"
            + " before loading; attn-only-2l's dimensions are not")
    void sweepCostIsBounded() throws IOException {
        String valid = Files.readString(Golden.DIR.resolve("config.json"));
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, valid.replace("\"n_layers\": 2", "\"n_layers\": 128")
                .replace("\"n_heads\": 4", "\"n_heads\": 128"));
        assertThatThrownBy(() -> ModelConfig.read(cfg)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(cfg + ": ").hasMessageContaining("16384 heads")
                .hasMessageContaining("Limits.SWEEP_FLOATS");
        Files.writeString(cfg, valid.replace("\"d_model\": 16", "\"d_model\": 512")
                .replace("\"n_heads\": 4", "\"n_heads\": 8").replace("\"d_head\": 4", "\"d_head\": 64")
                .replace("\"n_ctx\": 16", "\"n_ctx\": 2048").replace("\"d_vocab\": 37", "\"d_vocab\": 48262"));
        assertThat(ModelConfig.read(cfg).nHeads()).isEqualTo(8);
    }

    @Test
    @DisplayName("a named pipe as config.json or checkpoint is refused by name instead of blocking")
    void namedPipeIsRefused() throws Exception {
        Path fifo = dir.resolve("config.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> ModelConfig.read(fifo))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(fifo.toString())
                    .hasMessageContaining("not a regular file");
            Path pipeCheckpoint = dir.resolve("model.safetensors");
            Files.move(fifo, pipeCheckpoint);
            assertThatThrownBy(() -> StateDict.read(pipeCheckpoint)).hasMessageContaining("not a regular file");
        });
    }

    @Test
    @DisplayName("tokenizer.json above Limits.TOKENIZER_BYTES and tokenizer_config.json above Limits.CONFIG_BYTES are"
            + " refused before they are read")
    void oversizedTokenizerFiles() throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        sparse(tokenizer, 4L << 30); // 4 GiB that take no disk, and would take the heap if read
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelTokenizer.load(tokenizer, null)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(tokenizer + ": ")
                .hasMessageContaining("Limits.TOKENIZER_BYTES (" + Limits.TOKENIZER_BYTES + ")");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);

        Path tokenizerConfig = dir.resolve("tokenizer_config.json");
        sparse(tokenizerConfig, 4L << 30);
        assertThatThrownBy(() -> ModelTokenizer.load(Golden.DIR.resolve("tokenizer.json"), tokenizerConfig))
                .isInstanceOf(ModelLoadException.class).hasMessageStartingWith(tokenizerConfig + ": ")
                .hasMessageContaining("Limits.CONFIG_BYTES");
    }

    @Test
    @DisplayName("a tokenizer.json just within Limits.TOKENIZER_BYTES is handed to the tokenizer (and refused as"
            + " not a tokenizer), a named pipe is refused by name")
    void tokenizerFileAtTheLimit() throws Exception {
        Path tokenizer = dir.resolve("tokenizer.json");
        Files.write(tokenizer, new byte[] {'{', '}'});
        assertThatThrownBy(() -> ModelTokenizer.load(tokenizer, null)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a valid Hugging Face tokenizer.json");
        Files.delete(tokenizer);
        assertThat(new ProcessBuilder("mkfifo", tokenizer.toString()).inheritIO().start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> ModelTokenizer.load(tokenizer, null)).hasMessageContaining("not a regular file"));
    }

    static void sparse(Path file, long length) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
