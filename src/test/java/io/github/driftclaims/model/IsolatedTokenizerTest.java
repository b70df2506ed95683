package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29: a tokenizer.json the check accepts but cannot verify (a Precompiled normalizer, a regex
 * the backtracking heuristic does not clear) is tokenized in a child process, so that the native
 * library's panic on it ends the child, not this JVM. Each test starts one child (about 1 s).
 */
@DisplayName("An unverified tokenizer.json runs in a child process, and its crash does not end this JVM")
class IsolatedTokenizerTest {

    @TempDir
    Path dir;

    private Path write(JsonObject t) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, t.toString());
        return f;
    }

    private static JsonObject precompiled(byte[] charsmap) {
        JsonObject n = new JsonObject();
        n.addProperty("type", "Precompiled");
        n.addProperty("precompiled_charsmap", Base64.getEncoder().encodeToString(charsmap));
        return n;
    }

    /**
     * A valid SentencePiece precompiled_charsmap mapping "x" to "X": a double-array of 256 units (every
     * first byte indexes one) where only the unit of 'x' carries its label, with a leaf whose value is
     * the offset of "X" in the normalized strings that follow ("X\0").
     */
    static byte[] xToUpper() {
        int[] units = new int[256];
        units['x'] = 'x' | 1 << 8 | 1 << 10; // label 'x', has a leaf, its children at offset 1
        units['x' ^ 1] = 1 << 31; // the leaf (its high bit keeps it from matching a byte): value 0
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * units.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4 * units.length);
        for (int u : units) {
            b.putInt(u);
        }
        b.put((byte) 'X').put((byte) 0);
        return b.array();
    }

    /** The double-array's length 0 and nothing else: loads, then indexes an empty array on the first text. */
    static byte[] emptyTrie() {
        return new byte[4];
    }

    @Test
    @DisplayName("a valid Precompiled normalizer tokenizes in the child, with the ids the same tokenizer gives in process")
    void validPrecompiledTokenizesInTheChild() throws Exception {
        JsonObject t = TokenizerCheckTest.neoxDigits();
        t.add("normalizer", precompiled(xToUpper()));
        Path f = write(t);
        long start = System.nanoTime();
        try (ModelTokenizer isolated = ModelTokenizer.load(f, null, 9)) {
            long loaded = System.nanoTime();
            assertThat(isolated.isolated()).isTrue();
            // The normalizer ran: "x" became "X" before the BPE saw it.
            assertThat(isolated.tokens(" x Y 12")).containsExactly(7, 8, 2, 5, 6);
            assertThat(isolated.tokensWithBos(" X x")).containsExactly(0, 7, 7);
            assertThat(isolated.toSingleToken(" x")).isEqualTo(7);
            assertThat(isolated.toStrTokens(new int[] {7, 8, 5})).containsExactly(" X", " Y", "1");
            int requests = 200;
            long before = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                isolated.tokens(" X Y 12");
            }
            System.out.printf("isolated tokenizer: child started and loaded in %d ms; %d us per request%n",
                    (loaded - start) / 1_000_000, (System.nanoTime() - before) / 1000 / requests);
        }
        t.add("normalizer", null);
        try (ModelTokenizer inProcess = ModelTokenizer.load(write(t), null, 9)) {
            assertThat(inProcess.isolated()).isFalse();
            assertThat(inProcess.tokens(" X Y 12")).containsExactly(7, 8, 2, 5, 6);
            long before = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                inProcess.tokens(" X Y 12");
            }
            System.out.printf("in-process tokenizer: %d us per request%n", (System.nanoTime() - before) / 1000 / 200);
        }
    }

    @Test
    @DisplayName("a malformed precompiled_charsmap crashes the child: a ModelLoadException naming tokenizer.json, this JVM goes on")
    void malformedCharsmapCrashesOnlyTheChild() throws Exception {
        JsonObject t = TokenizerCheckTest.neoxDigits();
        t.add("normalizer", precompiled(emptyTrie()));
        Path f = write(t);
        assertThatThrownBy(() -> ModelTokenizer.load(f, null, 9).close()).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": the native tokenizer crashed (exit ")
                .hasMessageContaining("index out of bounds").hasMessageContaining("Precompiled normalizer")
                .hasMessageContaining("Fix:");
        // Still here, and the native library still serves a verified tokenizer in this JVM.
        try (ModelTokenizer t2 = ModelTokenizer.load(write(TokenizerCheckTest.neoxDigits()), null, 9)) {
            assertThat(t2.tokens(" X")).containsExactly(7);
        }
    }

    @Test
    @DisplayName("a catastrophic-backtracking regex the check cannot clear runs in the child, which answers or fails alone")
    void catastrophicRegexRunsInTheChild() throws Exception {
        JsonObject t = TokenizerCheckTest.neoxDigits();
        JsonObject replace = new JsonObject();
        replace.addProperty("type", "Replace");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("Regex", "(a+)+$");
        replace.add("pattern", pattern);
        replace.addProperty("content", "b");
        t.add("normalizer", replace);
        Path f = write(t);
        try (ModelTokenizer isolated = ModelTokenizer.load(f, null, 9)) {
            assertThat(isolated.isolated()).isTrue();
            String attack = " " + "a".repeat(80) + "!";
            // In this JVM the regex engine passes its retry limit and the library panics (exit 134).
            assertThatThrownBy(() -> isolated.tokens(attack)).isInstanceOf(ModelLoadException.class)
                    .hasMessageStartingWith(f + ": the native tokenizer ")
                    .hasMessageContaining("regex that repeats a group");
            // The child is gone: later calls give the same error at once, no new child, no wait.
            assertThatThrownBy(() -> isolated.tokens(" X")).isInstanceOf(ModelLoadException.class)
                    .hasMessageStartingWith(f + ": the native tokenizer ");
        }
    }

    /** A child that reads its input and never answers, as a library stuck in a loop would. */
    public static final class Silent {
        public static void main(String[] args) throws Exception {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    @Test
    @DisplayName("a child that does not answer within the timeout is killed and named as hanging on the file")
    void hangingChildTimesOut() throws Exception {
        Path f = write(TokenizerCheckTest.neoxDigits());
        byte[] json = Files.readAllBytes(f);
        long start = System.nanoTime();
        assertThatThrownBy(() -> IsolatedTokenizer.start(f, json, "a test's reason", Silent.class.getName(),
                Duration.ofSeconds(1), Duration.ofSeconds(1)).close())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(f + ": the native tokenizer did not answer within 1 s")
                .hasMessageContaining("a test's reason");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("sanity: the protocol's line reader stops at its bound")
    void lineReaderIsBounded() throws Exception {
        byte[] line = ("x".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(TokenizerLines.read(new java.io.ByteArrayInputStream(line), 100)).hasSize(100);
        assertThatThrownBy(() -> TokenizerLines.read(new java.io.ByteArrayInputStream(line), 99))
                .isInstanceOf(java.io.IOException.class);
    }
}
