package io.github.driftclaims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.driftclaims.model.HostileFiles.Tensor;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A .pth tensor is a view of a storage: an offset, a shape and strides, in float32, float16 or bfloat16. torch.save
 * writes such views for transposed and sliced tensors (thirds of a fused QKV). Each case here reads a view built by
 * hand and compares it with the elements its strides select, worked out in the test.
 */
@DisplayName("A .pth checkpoint's tensor views")
class CheckpointViewsTest {

    @TempDir
    Path dir;

    static final float[] STORAGE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    static Tensor view(String storageClass, long numel, long offset, long[] shape, long[] stride) {
        return new Tensor("w", storageClass, "0", BigInteger.valueOf(numel), BigInteger.valueOf(offset), shape, stride);
    }

    HostTensor read(Tensor t, byte[] storage) {
        Path pth = dir.resolve("views_final.pth");
        HostileFiles.writePth(pth, HostileFiles.stateDictPickle(List.of(t)), Map.of("0", storage), false);
        return TorchCheckpoint.read(pth).get("w");
    }

    @Test
    @DisplayName("a transposed [3, 4] view (strides 1, 3 of a [4, 3] storage) reads as the transpose")
    void transposed() {
        HostTensor t = read(view("FloatStorage", 12, 0, new long[] {3, 4}, new long[] {1, 3}), HostileFiles.floats(STORAGE));
        assertThat(t.shape()).containsExactly(3, 4);
        assertThat(t.data()).containsExactly(0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11);
    }

    @Test
    @DisplayName("a contiguous slice at offset 4 reads elements 4 to 7, and a view at offset 5 with stride 2 reads 5, 7, 9, 11")
    void offsets() {
        assertThat(read(view("FloatStorage", 12, 4, new long[] {4}, new long[] {1}), HostileFiles.floats(STORAGE)).data())
                .containsExactly(4, 5, 6, 7);
        assertThat(read(view("FloatStorage", 12, 5, new long[] {4}, new long[] {2}), HostileFiles.floats(STORAGE)).data())
                .containsExactly(5, 7, 9, 11);
        // the middle third of a fused [3 x 2, 2] matrix, as a slice of rows
        assertThat(read(view("FloatStorage", 12, 4, new long[] {2, 2}, new long[] {2, 1}), HostileFiles.floats(STORAGE))
                .data()).containsExactly(4, 5, 6, 7);
    }

    @Test
    @DisplayName("refuses a view that spans more than Limits.VIEW_SPAN_FACTOR times its own elements, and takes one at it")
    void viewSpan() {
        // 2 elements with stride 7: span 8 = 4 x 2, at the limit; 2 elements with stride 11: span 12 > 4 x 2
        assertThat(read(view("FloatStorage", 12, 0, new long[] {2}, new long[] {7}), HostileFiles.floats(STORAGE)).data())
                .containsExactly(0, 7);
        assertThatThrownBy(() -> read(view("FloatStorage", 12, 0, new long[] {2}, new long[] {11}),
                HostileFiles.floats(STORAGE))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("a view of shape [2] spans 12 elements of storage 0, more than the limit "
                        + "Limits.VIEW_SPAN_FACTOR (4) times its own");
    }

    @Test
    @DisplayName("reads a broadcast view (stride 0) by repeating its row, and refuses a view reaching past its storage")
    void broadcastAndReach() {
        assertThat(read(view("FloatStorage", 12, 0, new long[] {2, 3}, new long[] {0, 1}), HostileFiles.floats(STORAGE))
                .data()).containsExactly(0, 1, 2, 0, 1, 2);
        assertThatThrownBy(() -> read(view("FloatStorage", 12, 10, new long[] {4}, new long[] {1}),
                HostileFiles.floats(STORAGE))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("at offset 10 reaches element 14 of storage 0, which has 12");
    }

    @Test
    @DisplayName("widens float16 infinities and NaN as IEEE does")
    void float16Specials() {
        float[] f = {DTypes.f16ToFloat((short) 0x7C00), DTypes.f16ToFloat((short) 0xFC00), DTypes.f16ToFloat((short) 0x7E00)};
        assertThat(f[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(f[1]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(f[2])).isEqualTo(0x7fc00000);
    }

    static byte[] halves(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : bits) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    @DisplayName("widens float16 exactly: normal, negative, the largest, the smallest subnormal, a subnormal, -0")
    void float16() {
        int[] bits = {0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x0200, 0x8000, 0x8001};
        float[] expected = {1f, -2f, 0.5f, 65504f, 0x1p-24f, 0x1p-15f, -0f, -0x1p-24f};
        HostTensor t = read(view("HalfStorage", 8, 0, new long[] {8}, new long[] {1}), halves(bits));
        assertThat(t.data()).containsExactly(expected);
        assertThat(Float.floatToIntBits(t.data()[6])).isEqualTo(Float.floatToIntBits(-0f));
        // and through the strided path: every other one
        assertThat(read(view("HalfStorage", 8, 1, new long[] {4}, new long[] {2}), halves(bits)).data())
                .containsExactly(-2f, 65504f, 0x1p-15f, -0x1p-24f);
    }

    @Test
    @DisplayName("widens bfloat16 exactly, contiguous and strided")
    void bfloat16() {
        int[] bits = {0x3F80, 0xC000, 0x3F00, 0x0001};
        float[] expected = {1f, -2f, 0.5f, Float.intBitsToFloat(0x00010000)};
        assertThat(read(view("BFloat16Storage", 4, 0, new long[] {4}, new long[] {1}), halves(bits)).data())
                .containsExactly(expected);
        assertThat(read(view("BFloat16Storage", 4, 0, new long[] {2}, new long[] {2}), halves(bits)).data())
                .containsExactly(1f, 0.5f);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"contiguous", "strided"})
    @DisplayName("names a storage entry that ends before the elements it declares")
    void truncatedStorage(String kind) {
        long[] stride = kind.equals("contiguous") ? new long[] {1} : new long[] {2};
        long[] shape = kind.equals("contiguous") ? new long[] {12} : new long[] {6};
        float[] short11 = java.util.Arrays.copyOf(STORAGE, 11);
        assertThatThrownBy(() -> read(view("FloatStorage", 12, 0, shape, stride), HostileFiles.floats(short11)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("storage");
    }
}
