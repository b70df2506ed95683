package io.github.driftclaims.model;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.ReadableByteChannel;

/** Widening of the half-precision formats a checkpoint may hold, done in Java before DJL sees them. */
final class DTypes {

    private DTypes() {}

    /** The floating formats a checkpoint's tensors are read from, little-endian on disk in both formats. */
    enum FloatFormat {
        F32(4), F16(2), BF16(2);

        final int width;

        FloatFormat(int width) {
            this.width = width;
        }
    }

    /** Elements widened per step when a tensor is not read straight into its destination. */
    static final int CHUNK_ELEMENTS = 1 << 16;

    /** A scratch buffer for {@link #read}: one per open checkpoint, reused for every tensor. */
    static ByteBuffer chunk() {
        return ByteBuffer.allocate(4 * CHUNK_ELEMENTS).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads exactly {@code dst.remaining() / 4} elements of {@code format} from {@code in} and writes
     * them to {@code dst} as float32 in native order. Float32 on a little-endian machine goes straight
     * from the channel into {@code dst}, with no copy in between.
     *
     * @throws EOFException when the channel ends first
     */
    static void read(ReadableByteChannel in, FloatFormat format, ByteBuffer dst, ByteBuffer chunk)
            throws IOException {
        if (format == FloatFormat.F32 && dst.order() == ByteOrder.LITTLE_ENDIAN) {
            readFully(in, dst);
            return;
        }
        FloatBuffer out = dst.slice().order(dst.order()).asFloatBuffer();
        float[] widened = new float[Math.min(out.remaining(), CHUNK_ELEMENTS)];
        while (out.hasRemaining()) {
            int n = Math.min(out.remaining(), CHUNK_ELEMENTS);
            chunk.clear().limit(n * format.width);
            readFully(in, chunk);
            chunk.flip();
            switch (format) {
                case F32 -> chunk.asFloatBuffer().get(widened, 0, n);
                case F16 -> {
                    ShortBuffer s = chunk.asShortBuffer();
                    for (int i = 0; i < n; i++) {
                        widened[i] = f16ToFloat(s.get(i));
                    }
                }
                case BF16 -> {
                    ShortBuffer s = chunk.asShortBuffer();
                    for (int i = 0; i < n; i++) {
                        widened[i] = bf16ToFloat(s.get(i));
                    }
                }
            }
            out.put(widened, 0, n);
        }
        dst.position(dst.limit());
    }

    /** One element of {@code format} at a byte index of a little-endian buffer, widened to float32. */
    static float get(ByteBuffer le, FloatFormat format, int byteIndex) {
        return switch (format) {
            case F32 -> le.getFloat(byteIndex);
            case F16 -> f16ToFloat(le.getShort(byteIndex));
            case BF16 -> bf16ToFloat(le.getShort(byteIndex));
        };
    }

    static void readFully(ReadableByteChannel in, ByteBuffer dst) throws IOException {
        while (dst.hasRemaining()) {
            if (in.read(dst) < 0) {
                throw new EOFException("the data ends " + dst.remaining() + " bytes early");
            }
        }
    }

    /** bfloat16 is the top half of a float32, so widening is a shift. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** IEEE 754 binary16 to binary32, exact for every input (subnormals, infinities and NaN kept). */
    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal: value = mant * 2^-24, exactly representable in float32.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
