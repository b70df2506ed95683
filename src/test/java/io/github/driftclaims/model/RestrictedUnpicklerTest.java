package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.model.HostileFiles.Pickle;
import io.github.driftclaims.model.HostileFiles.Tensor;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unpickler's own checks, each at its edge: the last value it accepts and the first it refuses, and for every
 * refusal the reason it gives (a later check refusing the same bytes for another reason would hide a missing one).
 * Pickles are built opcode by opcode; nothing here is a torch.save file.
 */
@DisplayName("The restricted unpickler")
class RestrictedUnpicklerTest {

    static final Path FILE = Path.of("model_final.pth");

    static Object load(byte[] pickle) {
        return new RestrictedUnpickler(FILE).load(pickle);
    }

    static Object load(Pickle p) {
        return load(p.bytes());
    }

    static AbstractThrowableAssert<?, ? extends Throwable> refused(byte[] pickle) {
        return assertThatThrownBy(() -> load(pickle)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(FILE + ": ");
    }

    static AbstractThrowableAssert<?, ? extends Throwable> refused(Pickle p) {
        return refused(p.bytes());
    }

    @Test
    @DisplayName("runs exactly Limits.PICKLE_OPCODES opcodes, and refuses one more")
    void opcodeLimit() {
        // PROTO, k x (NONE, POP), NONE, EMPTY_DICT, STOP: 2k + 4 opcodes
        int k = (int) (Limits.PICKLE_OPCODES - 4) / 2;
        assertThat(load(new Pickle().proto().repeat(k, 'N', '0').op('N', '}', '.'))).isInstanceOf(Map.class);
        refused(new Pickle().proto().repeat(k, 'N', '0').op('N', 'N', '}', '.'))
                .hasMessageContaining("runs more opcodes than the limit Limits.PICKLE_OPCODES (1000000)");
    }

    @Test
    @DisplayName("holds exactly Limits.PICKLE_STACK stack entries, and refuses one more")
    void stackLimit() {
        assertThat(load(new Pickle().proto().repeat(Limits.PICKLE_STACK - 1, 'N').op('}', '.'))).isInstanceOf(Map.class);
        refused(new Pickle().proto().repeat(Limits.PICKLE_STACK, 'N').op('}', '.'))
                .hasMessageContaining("holds more stack entries than the limit Limits.PICKLE_STACK (100000)");
    }

    static Pickle memoEntries(int n) {
        Pickle p = new Pickle().proto();
        for (int i = 0; i < n; i++) {
            p.op(')', 'r', i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0, '0'); // EMPTY_TUPLE, LONG_BINPUT i, POP
        }
        return p.op('}', '.');
    }

    @Test
    @DisplayName("holds exactly Limits.PICKLE_MEMO memo entries, and refuses one more")
    void memoLimit() {
        assertThat(load(memoEntries(Limits.PICKLE_MEMO))).isInstanceOf(Map.class);
        refused(memoEntries(Limits.PICKLE_MEMO + 1)).hasMessageContaining("holds more memo entries than the limit Limits.PICKLE_MEMO (100000)");
    }

    @Test
    @DisplayName("reads a text line of Limits.PICKLE_LINE_BYTES bytes (then refuses the global by name), and refuses a longer one")
    void lineLimit() {
        String atLimit = "a".repeat(Limits.PICKLE_LINE_BYTES);
        refused(new Pickle().proto().global(atLimit, "b").op('.'))
                .hasMessageContaining("the pickle uses global " + Excerpt.of(atLimit + ".b") + ", which a state dict never needs");
        refused(new Pickle().proto().global(atLimit + "a", "b").op('.'))
                .hasMessageContaining("a text opcode's line is longer than the limit Limits.PICKLE_LINE_BYTES (4096)");
        // the second line of a GLOBAL is bounded too
        refused(new Pickle().proto().global("collections", atLimit + "a").op('.'))
                .hasMessageContaining("a text opcode's line is longer than the limit Limits.PICKLE_LINE_BYTES (4096)");
    }

    @Test
    @DisplayName("bounds each text line only to its newline: a GLOBAL followed by 5000 bytes of string data is read")
    void lineLimitEndsAtTheNewline() {
        String data = "a".repeat(5000);
        assertThat(load(new Pickle().proto().global("collections", "OrderedDict").str(data).op('.'))).isEqualTo(data);
    }

    @Test
    @DisplayName("counts a NUL byte as part of a line: an INT line of a NUL and 5000 digits is refused at the limit")
    void nulInALine() {
        Pickle p = new Pickle().proto().op('I', 0).repeat(5000, '1').op('\n', '.');
        refused(p).hasMessageContaining("a text opcode's line is longer than the limit Limits.PICKLE_LINE_BYTES (4096)");
    }

    static Pickle lengthPrefixed(int opcode, long length, int bodyBytes) {
        Pickle p = new Pickle().proto().op(opcode);
        for (int i = 0; i < 4; i++) {
            p.op((int) (length >>> (8 * i)) & 0xff);
        }
        return p.repeat(bodyBytes, 'a').op('.');
    }

    @Test
    @DisplayName("lets a length prefix reach the pickle's last byte, and refuses one a byte longer before reading it")
    void lengthPrefixes() {
        // 3 body bytes and STOP are left after the prefix: 4 announced is Pyrolite's truncation, 5 is ours
        assertThatThrownBy(() -> load(lengthPrefixed('X', 4, 3))).hasMessageNotContaining("announces");
        refused(lengthPrefixed('X', 5, 3)).hasMessageContaining("an opcode announces 5 bytes but only 4 are left");
        // BINUNICODE and BINBYTES lengths are unsigned, BINSTRING's signed
        refused(lengthPrefixed('X', 0xffffffffL, 3)).hasMessageContaining("announces 4294967295 bytes");
        refused(lengthPrefixed('B', 0xffffffffL, 3)).hasMessageContaining("announces 4294967295 bytes");
        refused(lengthPrefixed('T', 0xffffffffL, 3)).hasMessageContaining("announces 18446744073709551615 bytes");
        assertThat(load(lengthPrefixed('X', 3, 3))).isEqualTo("aaa");
        assertThat(load(lengthPrefixed('X', 0, 0))).isEqualTo("");
    }

    @Test
    @DisplayName("takes strings, numbers, None and tuples as dict keys, and lists as values")
    void hashableKeys() {
        // EMPTY_DICT, MARK, 'a' [], 1 [], None [], (1, 2) [], SETITEMS
        Object m = load(new Pickle().proto().op('}').mark().str("a").op(']').integer(1).op(']').op('N', ']')
                .ints(1, 2).op(']').op('u', '.'));
        assertThat(m).isInstanceOf(Map.class);
        assertThat((Map<?, ?>) m).hasSize(4);
        // SETITEM checks its key and puts the pair back for Pyrolite to set
        assertThat(load(new Pickle().proto().op('}', 'K', 1, 'K', 2, 's', '.'))).isEqualTo(Map.of(1, 2));
    }

    @Test
    @DisplayName("reads an offset written as a text LONG literal as a long")
    void textLongOffset() {
        Pickle p = new Pickle().proto().global("torch._utils", "_rebuild_tensor_v2").mark().mark().str("storage")
                .global("torch", "FloatStorage").str("0").str("cpu").integer(1).op('t', 'Q').op('L', '0', 'L', '\n')
                .ints(1).ints(1).op('t', 'R', '.');
        assertThat(load(p)).isInstanceOf(TorchCheckpoint.LazyTensor.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SETITEM", "SETITEMS", "DICT", "FROZENSET", "ADDITEMS"})
    @DisplayName("refuses a list as a dict or set key, naming it, before it is hashed")
    void listKeys(String opcode) {
        Pickle p = new Pickle().proto();
        switch (opcode) {
            case "SETITEM" -> p.op('}', ']', 'K', 1, 's');
            case "SETITEMS" -> p.op('}').mark().str("a").integer(1).op(']').integer(2).op('u');
            case "DICT" -> p.mark().str("a").integer(1).op(']').integer(2).op('d');
            case "FROZENSET" -> p.mark().integer(1).op(']', 0x91);
            default -> p.op(0x8f).mark().integer(1).op(']', 0x90);
        }
        refused(p.op('.')).hasMessageContaining("a dict or set key is a ArrayList, which a state dict never uses");
    }

    @Test
    @DisplayName("drops the state BUILD sets on a dict, and refuses BUILD on anything else")
    void build() {
        assertThat(load(new Pickle().proto().op('}', '}', 'b', '.'))).isInstanceOf(Map.class);
        refused(new Pickle().proto().op(']', '}', 'b', '.')).hasMessageContaining("the pickle uses BUILD on ArrayList");
    }

    @Test
    @DisplayName("calls only its own callables, with a tuple, and says which of the two is wrong")
    void reduce() {
        assertThat(load(new Pickle().proto().global("collections", "OrderedDict").op(')', 'R', '.'))).isInstanceOf(Map.class);
        refused(new Pickle().proto().op('K', 1, ')', 'R', '.')).hasMessageContaining("REDUCE calls a")
                .hasMessageContaining("which is not callable");
        refused(new Pickle().proto().global("collections", "OrderedDict").op('K', 1, 'R', '.'))
                .hasMessageContaining("as its arguments, not a tuple");
    }

    @Test
    @DisplayName("resolves STACK_GLOBAL on two strings through the allowlist, and refuses it on anything else")
    void stackGlobal() {
        assertThat(load(new Pickle().proto().str("collections").str("OrderedDict").op(0x93, ')', 'R', '.')))
                .isInstanceOf(Map.class);
        refused(new Pickle().proto().str("os").str("system").op(0x93, '.')).hasMessageContaining("global 'os.system'");
        refused(new Pickle().proto().integer(1).str("OrderedDict").op(0x93, '.')).hasMessageContaining("STACK_GLOBAL on a");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INST", "OBJ", "NEWOBJ_EX"})
    @DisplayName("refuses the opcodes that build arbitrary objects by name")
    void objectOpcodes(String opcode) {
        Pickle p = new Pickle().proto();
        switch (opcode) {
            case "INST" -> { // 'i' module\n name\n, with its arguments since the mark
                p.mark().op('i');
                for (char c : "collections\nOrderedDict\n".toCharArray()) {
                    p.op(c);
                }
            }
            case "OBJ" -> p.mark().global("collections", "OrderedDict").op('o');
            default -> p.global("collections", "OrderedDict").op(')', '}', 0x92);
        }
        refused(p.op('.')).hasMessageContaining("the pickle uses opcode " + opcode);
    }

    static byte[] oneTensor(Tensor t) {
        return HostileFiles.stateDictPickle(List.of(t));
    }

    static Tensor vector(long n) {
        return Tensor.contiguous("w", "0", new long[] {n});
    }

    @Test
    @DisplayName("takes a storage of 0 elements and refuses -1, and one whose bytes overflow a long")
    void storageSizes() {
        assertThat(load(oneTensor(vector(0)))).isInstanceOf(Map.class);
        refused(oneTensor(vector(0).withStorage("FloatStorage", BigInteger.valueOf(-1), BigInteger.ZERO)))
                .hasMessageContaining("storage 0 has the negative size -1");
        // 2^61 floats are 2^63 bytes: one past a long
        refused(oneTensor(vector(0).withStorage("FloatStorage", BigInteger.ONE.shiftLeft(61), BigInteger.ZERO)))
                .hasMessageContaining("storage 0 of 2305843009213693952 elements has more bytes than a long holds");
        assertThat(load(oneTensor(vector(0).withStorage("FloatStorage", BigInteger.ONE.shiftLeft(60), BigInteger.ZERO))))
                .isInstanceOf(Map.class);
    }

    @Test
    @DisplayName("reads an offset up to 2^63 - 1 as a long, and refuses 2^63 as beyond a long")
    void offsets() {
        BigInteger max = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        // 2^63 - 1 is read, and then refused by the view check (it reaches past its storage), not as beyond a long
        refused(oneTensor(vector(1).withStorage("FloatStorage", BigInteger.ONE, max)))
                .hasMessageNotContaining("beyond a long").hasMessageContaining("overflow a long");
        refused(oneTensor(vector(1).withStorage("FloatStorage", BigInteger.ONE, max.add(BigInteger.ONE))))
                .hasMessageContaining("a storage offset is the integer 9223372036854775808, beyond a long");
    }

    @Test
    @DisplayName("takes a tensor of Limits.TENSOR_DIMS dimensions, and refuses one more")
    void dimensions() {
        long[] eight = {1, 1, 1, 1, 1, 1, 1, 2};
        long[] nine = {1, 1, 1, 1, 1, 1, 1, 1, 2};
        assertThat(load(oneTensor(Tensor.contiguous("w", "0", eight)))).isInstanceOf(Map.class);
        refused(oneTensor(Tensor.contiguous("w", "0", nine)))
                .hasMessageContaining("a tensor size has 9 dimensions, more than the limit Limits.TENSOR_DIMS (8)");
    }

    @Test
    @DisplayName("refuses _rebuild_tensor_v2 with fewer than its four arguments")
    void rebuildArguments() {
        Pickle storage = new Pickle().proto().global("torch._utils", "_rebuild_tensor_v2").mark().mark().str("storage")
                .global("torch", "FloatStorage").str("0").str("cpu").integer(1).op('t', 'Q').integer(0).ints(1);
        refused(storage.op('t', 'R', '.')).hasMessageContaining("_rebuild_tensor_v2 with unexpected arguments");
        Pickle four = new Pickle().proto().global("torch._utils", "_rebuild_tensor_v2").mark().mark().str("storage")
                .global("torch", "FloatStorage").str("0").str("cpu").integer(1).op('t', 'Q').integer(0).ints(1).ints(1);
        assertThat(load(four.op('t', 'R', '.'))).isInstanceOf(TorchCheckpoint.LazyTensor.class);
    }
}
