package io.github.driftclaims.model;

import static io.github.driftclaims.model.HostileFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutation of the tiny fixture's valid files (both checkpoint formats, config.json and
 * tokenizer.json, the last handed on to the native tokenizer when it passes the project's check):
 * bytes flipped, header and pickle fields changed, lengths stretched or cut, pickles rewritten. Every
 * case must either load or throw ModelLoadException, each within a time bound, and leave no file
 * behind. Run by failsafe's {@code fuzz} execution in a JVM of {@code -Xmx512m}, the memory bound.
 *
 * <p>{@code -Dfuzz.cases=N} sets the number of cases (a few thousand in {@code verify}; the
 * {@code fuzz} profile runs many more) and {@code -Dfuzz.seed=S} the seed; case {@code i} uses seed
 * {@code S + i}, so a failure names the one case to rerun.
 */
@DisplayName("Fuzzed model files either load or are refused with a ModelLoadException")
class LoaderFuzz {

    private static final int CASES = Integer.getInteger("fuzz.cases", 2000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    /** Per case; the slowest real case takes milliseconds. */
    private static final Duration CASE_BOUND = Duration.ofSeconds(2);

    /** Numbers that find edge cases: zero, one, the fixture's own sizes, and the bounds of int and long. */
    private static final long[] INTERESTING = {0, 1, 2, 4, 16, 37, 64, 592, 2368, -1, -16, 255, 256, 65535,
            Integer.MAX_VALUE, 1L << 31, (1L << 31) - 64, 1L << 32, 4294967312L, 1L << 40, 1L << 61, 1L << 62,
            Long.MAX_VALUE, Long.MIN_VALUE};

    @TempDir
    Path dir;

    private final byte[] safetensors = read(Golden.DIR.resolve("model.safetensors"));
    private final String config = new String(read(Golden.DIR.resolve("config.json")), StandardCharsets.UTF_8);
    private final String tokenizer = new String(read(Golden.DIR.resolve("tokenizer.json")), StandardCharsets.UTF_8);
    private final StateDictParts pth = StateDictParts.tiny();
    private final ModelConfig tinyConfig = ModelConfig.read(Golden.DIR.resolve("config.json"));

    /** What happened to one case, for the failure report. */
    record Outcome(int index, String mutation, Throwable failure, Duration took) {}

    @Test
    @DisplayName("a few thousand mutated .safetensors, .pth, config.json and tokenizer.json files")
    void mutatedFilesLoadOrAreRefused() throws IOException {
        List<Outcome> failures = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        int loaded = 0;
        long[] nanosByFormat = new long[4];
        for (int i = 0; i < CASES; i++) {
            SplittableRandom rnd = new SplittableRandom(SEED + i);
            StringBuilder mutation = new StringBuilder();
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                if (runCase(rnd, mutation)) {
                    loaded++;
                }
            } catch (ModelLoadException expected) {
                assertThat(expected.getMessage()).as("names the file").startsWith(dir.toString());
            } catch (Throwable t) { // anything else, OutOfMemoryError and StackOverflowError included, is a bug
                failure = t;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            nanosByFormat[format(mutation)] += took.toNanos();
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            if (failure != null || took.compareTo(CASE_BOUND) > 0) {
                failures.add(new Outcome(i, mutation.toString(), failure, took));
            }
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("only the files the cases wrote; nothing temporary left behind")
                    .isSubsetOf("case.safetensors", "case_final.pth", "config.json", "tokenizer.json");
        }
        System.out.printf("fuzz: %d cases (seed %d), %d loaded, the rest refused; slowest %d ms; ms in"
                + " safetensors/pth/config/tokenizer cases: %d/%d/%d/%d%n", CASES, SEED, loaded, slowest.toMillis(),
                nanosByFormat[0] / 1_000_000, nanosByFormat[1] / 1_000_000, nanosByFormat[2] / 1_000_000,
                nanosByFormat[3] / 1_000_000);
        assertThat(failures).as("cases that threw something else than ModelLoadException or took over "
                + CASE_BOUND.toMillis() + " ms (seed " + SEED + " + index)").isEmpty();
    }

    private static int format(StringBuilder mutation) {
        return mutation.charAt(0) == 's' ? 0 : mutation.charAt(0) == 'p' ? 1 : mutation.charAt(0) == 'c' ? 2 : 3;
    }

    /** @return whether the mutated file loaded */
    private boolean runCase(SplittableRandom rnd, StringBuilder mutation) throws IOException {
        int kind = rnd.nextInt(11);
        mutation.append(kind < 4 ? "safetensors: " : kind < 8 ? "pth: " : kind < 10 ? "config: " : "tokenizer: ");
        if (kind == 10) {
            Path f = dir.resolve("tokenizer.json");
            Files.write(f, mutateTokenizer(rnd, mutation));
            ModelTokenizer.load(f, null, tinyConfig.dVocab()).close();
            return true;
        }
        if (kind < 4) {
            Path f = dir.resolve("case.safetensors");
            Files.write(f, mutateSafetensors(rnd, mutation));
            return loadCheckpoint(f);
        }
        if (kind < 8) {
            Path f = dir.resolve("case_final.pth");
            mutatePth(rnd, mutation, f);
            return loadCheckpoint(f);
        }
        Path f = dir.resolve("config.json");
        Files.write(f, mutateConfig(rnd, mutation));
        ModelConfig.read(f);
        return true;
    }

    /** Every readable tensor read, then the shapes checked against the fixture's config, as the loader does. */
    private boolean loadCheckpoint(Path f) {
        try (TensorSource source = StateDict.open(f)) {
            Map<String, HostTensor> all = source.loadAll();
            assertThat(all.keySet()).isEqualTo(source.shapes().keySet());
            StateDict.checkShapes(f, tinyConfig, source.shapes(), source.unsupported());
        }
        return true;
    }

    // ---- safetensors ----

    private byte[] mutateSafetensors(SplittableRandom rnd, StringBuilder mutation) {
        int headerLen = (int) ByteBuffer.wrap(safetensors, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] bytes = safetensors.clone();
        int steps = 1 + rnd.nextInt(3);
        for (int s = 0; s < steps; s++) {
            switch (rnd.nextInt(7)) {
                case 0 -> bytes = flip(rnd, bytes, 0, bytes.length, mutation);
                case 1 -> bytes = flip(rnd, bytes, 8, Math.min(8 + headerLen, bytes.length), mutation);
                case 2 -> {
                    long len = pick(rnd);
                    mutation.append("header length ").append(len).append("; ");
                    ByteBuffer.wrap(bytes, 0, Math.min(8, bytes.length)).order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(0, len);
                }
                case 3 -> bytes = stretch(rnd, bytes, mutation);
                case 4, 5 -> bytes = mutateHeader(rnd, bytes, mutation);
                default -> bytes = insertText(rnd, bytes, 8, Math.min(8 + headerLen, bytes.length), mutation);
            }
            if (bytes.length < 8) {
                break;
            }
            headerLen = (int) Math.min(ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()
                    & 0x7fffffffL, bytes.length - 8);
        }
        return bytes;
    }

    /** Parses the header (when it still parses), changes one entry's fields, and writes it back. */
    private byte[] mutateHeader(SplittableRandom rnd, byte[] bytes, StringBuilder mutation) {
        SafetensorsParts parts;
        try {
            parts = SafetensorsParts.of(bytes);
        } catch (RuntimeException unparsable) {
            return flip(rnd, bytes, 0, bytes.length, mutation);
        }
        List<String> keys = new ArrayList<>(parts.header().keySet());
        String key = keys.get(rnd.nextInt(keys.size()));
        JsonElement entry = parts.header().get(key);
        switch (rnd.nextInt(8)) {
            case 0 -> {
                String dtype = List.of("F32", "F16", "BF16", "F64", "I64", "I32", "BOOL", "U8", "F8_E4M3", "", "f32",
                        "X").get(rnd.nextInt(12));
                mutation.append(key).append(".dtype=").append(dtype).append("; ");
                if (entry.isJsonObject()) {
                    entry.getAsJsonObject().addProperty("dtype", dtype);
                }
            }
            case 1, 2 -> {
                JsonArray shape = randomLongs(rnd, rnd.nextInt(5));
                mutation.append(key).append(".shape=").append(shape).append("; ");
                if (entry.isJsonObject()) {
                    entry.getAsJsonObject().add("shape", shape);
                }
            }
            case 3, 4 -> {
                JsonArray offsets = rnd.nextInt(4) == 0 ? randomLongs(rnd, rnd.nextInt(4)) : randomLongs(rnd, 2);
                mutation.append(key).append(".data_offsets=").append(offsets).append("; ");
                if (entry.isJsonObject()) {
                    entry.getAsJsonObject().add("data_offsets", offsets);
                }
            }
            case 5 -> {
                JsonElement value = randomJson(rnd);
                mutation.append(key).append("=").append(value).append("; ");
                parts.header().add(key, value);
            }
            case 6 -> {
                String field = List.of("dtype", "shape", "data_offsets").get(rnd.nextInt(3));
                mutation.append("drop ").append(key).append(".").append(field).append("; ");
                if (entry.isJsonObject()) {
                    entry.getAsJsonObject().remove(field);
                }
            }
            default -> {
                String copy = keys.get(rnd.nextInt(keys.size()));
                mutation.append("new entry x = ").append(copy).append("; ");
                parts.header().add("x" + rnd.nextInt(100), parts.header().get(copy).deepCopy());
            }
        }
        byte[] h = parts.header().toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + parts.data().length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(parts.data()).array();
    }

    // ---- .pth ----

    private void mutatePth(SplittableRandom rnd, StringBuilder mutation, Path f) throws IOException {
        StateDictParts parts = pth;
        if (rnd.nextInt(3) == 0) {
            int index = rnd.nextInt(parts.tensors().size());
            HostileFiles.Tensor t = parts.tensors().get(index);
            HostileFiles.Tensor changed = switch (rnd.nextInt(4)) {
                case 0 -> t.withStorage(List.of("FloatStorage", "HalfStorage", "BFloat16Storage", "DoubleStorage",
                        "LongStorage", "BoolStorage").get(rnd.nextInt(6)), t.numel(), t.offset());
                case 1 -> t.withStorage(t.storageClass(), BigInteger.valueOf(pick(rnd)), t.offset());
                case 2 -> t.withStorage(t.storageClass(), t.numel(), BigInteger.valueOf(pick(rnd)));
                default -> t.withStride(longs(rnd, t.stride().length + rnd.nextInt(3) - 1));
            };
            mutation.append("tensor ").append(t.key()).append(" -> ").append(changed).append("; ");
            parts = parts.with(index, changed);
        }
        byte[] pickle = stateDictPickle(parts.tensors());
        Map<String, byte[]> storages = new LinkedHashMap<>(parts.storages());
        int steps = rnd.nextInt(3);
        for (int s = 0; s < steps; s++) {
            switch (rnd.nextInt(6)) {
                case 0 -> pickle = flip(rnd, pickle, 0, pickle.length, mutation);
                case 1 -> {
                    // an integer operand replaced by another encoding of an interesting value
                    int at = rnd.nextInt(pickle.length);
                    while (at < pickle.length && pickle[at] != 'K') {
                        at++;
                    }
                    if (at < pickle.length - 1) {
                        long v = pick(rnd);
                        mutation.append("int at ").append(at).append(" -> ").append(v).append("; ");
                        pickle = HostileInputTest.splice(pickle, at, 2, new Pickle().integer(v).bytes());
                    }
                }
                case 2 -> {
                    int at = rnd.nextInt(pickle.length + 1);
                    byte[] ops = new byte[1 + rnd.nextInt(4)];
                    rnd.nextBytes(ops);
                    mutation.append("insert opcodes at ").append(at).append("; ");
                    pickle = HostileInputTest.splice(pickle, at, 0, ops);
                }
                case 3 -> {
                    int from = rnd.nextInt(pickle.length);
                    int len = Math.min(1 + rnd.nextInt(40), pickle.length - from);
                    boolean delete = rnd.nextBoolean();
                    mutation.append(delete ? "delete " : "duplicate ").append(from).append("+").append(len).append("; ");
                    pickle = delete ? HostileInputTest.splice(pickle, from, len, new byte[0])
                            : HostileInputTest.splice(pickle, from, 0, java.util.Arrays.copyOfRange(pickle, from, from + len));
                }
                case 4 -> {
                    String key = new ArrayList<>(storages.keySet()).get(rnd.nextInt(storages.size()));
                    byte[] old = storages.get(key);
                    int len = rnd.nextBoolean() ? rnd.nextInt(old.length + 1) : old.length + 1 + rnd.nextInt(64);
                    mutation.append("storage ").append(key).append(" length ").append(len).append("; ");
                    storages.put(key, java.util.Arrays.copyOf(old, len));
                }
                default -> {
                    int len = rnd.nextInt(pickle.length);
                    mutation.append("pickle cut to ").append(len).append("; ");
                    pickle = java.util.Arrays.copyOf(pickle, len);
                }
            }
        }
        boolean deflate = rnd.nextBoolean();
        writePth(f, pickle, storages, deflate);
        if (rnd.nextInt(6) == 0) {
            Files.write(f, flip(rnd, Files.readAllBytes(f), 0, (int) Files.size(f), mutation.append("zip: ")));
        }
    }

    // ---- config.json ----

    private byte[] mutateConfig(SplittableRandom rnd, StringBuilder mutation) {
        byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
        switch (rnd.nextInt(4)) {
            case 0 -> bytes = flip(rnd, bytes, 0, bytes.length, mutation);
            case 1 -> bytes = insertText(rnd, bytes, 0, bytes.length, mutation);
            default -> {
                JsonObject o = JsonParser.parseString(config).getAsJsonObject();
                List<String> keys = new ArrayList<>(o.keySet());
                String key = keys.get(rnd.nextInt(keys.size()));
                if (rnd.nextInt(5) == 0) {
                    o.remove(key);
                    mutation.append("drop ").append(key);
                } else {
                    JsonElement value = rnd.nextBoolean() ? new JsonPrimitive(pick(rnd)) : randomJson(rnd);
                    o.add(key, value);
                    mutation.append(key).append("=").append(value);
                }
                bytes = o.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }

    // ---- tokenizer.json ----

    /** Types the native library knows, whitelisted or not, to put where a component's type goes. */
    private static final String[] TYPES = {"Split", "Precompiled", "Sequence", "BPE", "Unigram", "WordPiece",
        "WordLevel", "Replace", "ByteLevel", "Digits", "Metaspace", "NFC", "Strip", "Prepend", "TemplateProcessing"};

    private byte[] mutateTokenizer(SplittableRandom rnd, StringBuilder mutation) {
        byte[] bytes = tokenizer.getBytes(StandardCharsets.UTF_8);
        switch (rnd.nextInt(4)) {
            case 0 -> bytes = flip(rnd, bytes, 0, bytes.length, mutation);
            case 1 -> bytes = insertText(rnd, bytes, 0, bytes.length, mutation);
            default -> {
                JsonObject o = JsonParser.parseString(tokenizer).getAsJsonObject();
                JsonObject model = o.getAsJsonObject("model");
                JsonElement value = switch (rnd.nextInt(4)) {
                    case 0 -> new JsonPrimitive(pick(rnd));
                    case 1 -> randomJson(rnd);
                    default -> {
                        JsonObject c = new JsonObject();
                        c.addProperty("type", TYPES[rnd.nextInt(TYPES.length)]);
                        yield c;
                    }
                };
                String where = List.of("normalizer", "pre_tokenizer", "decoder", "post_processor", "model.type",
                        "model.dropout", "model.vocab.ĠX", "added_tokens.0.id", "model.merges").get(rnd.nextInt(9));
                switch (where) {
                    case "model.type" -> model.add("type", value.isJsonObject() ? value.getAsJsonObject().get("type")
                            : value);
                    case "model.dropout" -> model.add("dropout", value);
                    case "model.vocab.ĠX" -> model.getAsJsonObject("vocab").add("ĠX", value);
                    case "added_tokens.0.id" -> o.getAsJsonArray("added_tokens").get(0).getAsJsonObject().add("id", value);
                    case "model.merges" -> model.add("merges", value);
                    default -> o.add(where, value);
                }
                mutation.append(where).append("=").append(value);
                bytes = o.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        return bytes;
    }

    // ---- generic mutations ----

    private static byte[] flip(SplittableRandom rnd, byte[] bytes, int from, int to, StringBuilder mutation) {
        byte[] out = bytes.clone();
        if (to <= from) {
            return out;
        }
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = from + rnd.nextInt(to - from);
            out[at] = (byte) (rnd.nextBoolean() ? out[at] ^ (1 << rnd.nextInt(8)) : rnd.nextInt(256));
            mutation.append("byte ").append(at).append("; ");
        }
        return out;
    }

    /** A few characters that JSON and pickles care about, inserted into a text region. */
    private static byte[] insertText(SplittableRandom rnd, byte[] bytes, int from, int to, StringBuilder mutation) {
        String[] snippets = {"/*c*/", "//c\n", "'", "\"", ",", "{", "}", "[", "]", ":", "1e400", "-0", "NaN", "\\u0000",
                " ", "\u00e9", "\uD83D"};
        String s = snippets[rnd.nextInt(snippets.length)];
        int at = to <= from ? from : from + rnd.nextInt(to - from);
        mutation.append("insert '").append(s).append("' at ").append(at).append("; ");
        return HostileInputTest.splice(bytes, at, 0, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] stretch(SplittableRandom rnd, byte[] bytes, StringBuilder mutation) {
        int len = rnd.nextBoolean() ? rnd.nextInt(bytes.length + 1) : bytes.length + 1 + rnd.nextInt(4096);
        mutation.append("file length ").append(len).append("; ");
        return java.util.Arrays.copyOf(bytes, len);
    }

    private static long pick(SplittableRandom rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextLong() : INTERESTING[rnd.nextInt(INTERESTING.length)];
    }

    private static long[] longs(SplittableRandom rnd, int n) {
        long[] out = new long[Math.max(n, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = pick(rnd);
        }
        return out;
    }

    private static JsonArray randomLongs(SplittableRandom rnd, int n) {
        JsonArray a = new JsonArray();
        for (long v : longs(rnd, n)) {
            a.add(v);
        }
        return a;
    }

    private static JsonElement randomJson(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(rnd.nextBoolean());
            case 2 -> new JsonPrimitive("16");
            case 3 -> new JsonPrimitive(16.5);
            case 4 -> new JsonArray();
            case 5 -> new JsonObject();
            case 6 -> new JsonPrimitive(new java.math.BigDecimal("1e400"));
            default -> new JsonPrimitive(pick(rnd));
        };
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
