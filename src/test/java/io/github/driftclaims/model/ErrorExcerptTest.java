package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import static io.github.driftclaims.model.HostileFiles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonObject;
import io.github.driftclaims.hub.HubCache;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 29: an error message names the file, the field and what is wrong, and quotes what it read at
 * most as a short escaped excerpt. Each refusal that quotes input is reached twice: with a
 * secret-bearing input (the secret past the excerpt, as in {@code /proc/self/environ}) and with an
 * escape-bearing one (an OSC sequence that retitles a terminal).
 */
@DisplayName("Error messages never carry input content beyond a short escaped excerpt")
class ErrorExcerptTest {

    /** What /proc/self/environ looks like: the token comes after other variables. */
    static final String SECRET = "hf_secretSECRETsecretSECRET";
    static final String SECRET_BEARING = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\0HF_TOKEN=" + SECRET;
    static final String ESCAPE_BEARING = "\u001b]0;pwned\u0007\u001b[2J";

    @TempDir
    Path dir;

    /** The message of what {@code call} throws: no secret, no raw control character, bounded. */
    static String refusal(ThrowingCallable call) {
        long start = System.nanoTime();
        Throwable t = catchThrowable(call);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to refuse").isLessThan(Duration.ofSeconds(3));
        assertThat(t).as("a refusal").isNotNull();
        assertThat(t).isInstanceOfAny(ModelLoadException.class, io.github.driftclaims.hub.HubException.class,
                IllegalArgumentException.class);
        String m = t.getMessage();
        assertThat(io.github.driftclaims.SafeMessages.problem(m, Excerpt.LINE_CHARS + 64, SECRET, "pwned\u0007"))
                .as("what is unsafe in the message %s", Excerpt.message(m, 300)).isEmpty();
        return m;
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secret", "escape"})
    @DisplayName("a cache ref that is not a commit hash is named, its content not quoted")
    void refIsNotQuoted(String kind) throws Exception {
        HubCache cache = new HubCache(dir.resolve("hub"));
        Path ref = cache.refPath("org/model", "main");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, kind.equals("secret") ? "HF_TOKEN=" + SECRET : ESCAPE_BEARING);
        assertThat(refusal(() -> cache.readRef("org/model", "main"))).contains(ref.toString())
                .contains("not a commit hash");
    }

    @Test
    @DisplayName("a cache ref linked to a file outside the cache is refused as a link, never read")
    void linkedRefIsNotFollowed() throws Exception {
        HubCache cache = new HubCache(dir.resolve("hub"));
        Path ref = cache.refPath("org/model", "main");
        Files.createDirectories(ref.getParent());
        Path environ = file("environ", SECRET_BEARING + ESCAPE_BEARING);
        Files.createSymbolicLink(ref, environ);
        assertThat(refusal(() -> cache.readRef("org/model", "main"))).contains(ref.toString()).contains("link");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"string value", "object value", "bool value", "duplicate key", "not strict",
            "megabyte value", "huge literal"})
    @DisplayName("config.json: a bad value or key is quoted as a short escaped excerpt")
    void configValues(String kind) throws Exception {
        String evil = SECRET_BEARING + ESCAPE_BEARING;
        String quoted = new com.google.gson.JsonPrimitive(evil).toString();
        String text = switch (kind) {
            case "string value" -> "{\"d_model\": " + quoted + "}";
            case "object value" -> "{\"d_model\": {\"a\": " + quoted + "}}";
            case "bool value" -> valid().replace("\"attn_only\": true", "\"attn_only\": " + quoted);
            case "duplicate key" -> "{" + quoted + ": 1, " + quoted + ": 2}";
            case "not strict" -> "{" + quoted + ": 1,}";
            case "megabyte value" -> "{\"d_model\": \"" + "A".repeat(1_000_000) + "\"}";
            default -> "{\"d_model\": 1" + "9".repeat(1_000_000) + "}";
        };
        Path config = file("config.json", text);
        assertThat(refusal(() -> ModelConfig.read(config))).startsWith(config + ": ");
    }

    private static String valid() throws Exception {
        String v = Files.readString(Golden.DIR.resolve("config.json"));
        assertThat(v).contains("\"attn_only\": true");
        return v;
    }

    @Test
    @DisplayName("tokenizer_config.json: a bos_token that is not one token is quoted as an excerpt")
    void bosToken() throws Exception {
        Path tokConfig = file("tokenizer_config.json", oneString("bos_token", SECRET_BEARING + ESCAPE_BEARING));
        refusal(() -> ModelTokenizer.load(Golden.DIR.resolve("tokenizer.json"), tokConfig).close());
    }

    @Test
    @DisplayName("tokenizer.json: an unknown component type is named by an excerpt")
    void tokenizerComponent() throws Exception {
        JsonObject tok = com.google.gson.JsonParser.parseString(Files.readString(Golden.DIR.resolve("tokenizer.json")))
                .getAsJsonObject();
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", SECRET_BEARING + ESCAPE_BEARING);
        tok.add("normalizer", normalizer);
        Path f = file("tokenizer.json", tok.toString());
        refusal(() -> ModelTokenizer.load(f, null).close());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"entry key", "dtype"})
    @DisplayName("safetensors: a bad entry's key and dtype are quoted as excerpts")
    void safetensorsHeader(String kind) {
        SafetensorsParts st = SafetensorsParts.tiny();
        JsonObject entry = new JsonObject();
        entry.addProperty("dtype", kind.equals("dtype") ? SECRET_BEARING + ESCAPE_BEARING : "F32");
        st.header().add(kind.equals("dtype") ? "x" : SECRET_BEARING + ESCAPE_BEARING, entry);
        Path f = dir.resolve("model.safetensors");
        st.write(f);
        refusal(() -> StateDict.read(f));
    }

    @Test
    @DisplayName("pickle: a forbidden global's module and name are quoted as excerpts")
    void pickleGlobal() {
        Path pth = dir.resolve("evil_final.pth");
        String name = ("x".repeat(60) + SECRET + ESCAPE_BEARING).replace('\n', ' ');
        writePth(pth, new Pickle().proto().global("os", name).op('.').bytes(), Map.of(), false);
        refusal(() -> StateDict.read(pth));
    }

    @Test
    @DisplayName("pickle: an 8 MiB integer is refused by its size, not printed in decimal")
    void hugePickleInteger() {
        StateDictParts parts = StateDictParts.tiny();
        byte[] valid = stateDictPickle(parts.tensors());
        int at = HostileInputTest.indexOf(valid, new byte[] {'Q', 'K', 0}) + 1;
        ByteArrayOutputStream long4 = new ByteArrayOutputStream();
        int n = 8 << 20;
        long4.write(0x8b);
        long4.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array());
        byte[] digits = new byte[n];
        java.util.Arrays.fill(digits, (byte) 0x5a);
        long4.writeBytes(digits);
        Path pth = dir.resolve("bigint_final.pth");
        writePth(pth, HostileInputTest.splice(valid, at, 2, long4.toByteArray()), parts.storages(), false);
        assertThat(refusal(() -> StateDict.read(pth))).contains("bits");
    }

    @Test
    @DisplayName("the excerpt helper: 40 characters at most, everything but printable ASCII escaped")
    void excerptHelper() {
        assertThat(Excerpt.of("abc")).isEqualTo("'abc'");
        assertThat(Excerpt.of("a\u001bb\u00e9'")).isEqualTo("'a\\u001bb\\u00e9\\u0027'");
        assertThat(Excerpt.of("x".repeat(100))).isEqualTo("'" + "x".repeat(40) + "'... (100 characters in all)");
        assertThat(Excerpt.message("a\nb\u001b\u202e" + "y".repeat(1000))).startsWith("a b\\u001b\\u202e")
                .endsWith("... (cut at 400 characters)").hasSize(400 + "... (cut at 400 characters)".length());
        assertThat(List.of(Excerpt.message(null), Excerpt.of(null))).containsExactly("", "null");
    }

    /** One JSON object with one string property, written with Gson's escaping. */
    static String oneString(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o.toString();
    }
}
