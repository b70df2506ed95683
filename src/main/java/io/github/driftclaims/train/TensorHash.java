package io.github.driftclaims.train;

import io.github.driftclaims.model.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a set of tensors: names in sorted order, each followed by its shape and its float32
 * values in little-endian order. Two runs with equal hashes produced the same bits in every weight.
 */
public final class TensorHash {

    private TensorHash() {}

    public static String of(Map<String, HostTensor> tensors) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, HostTensor> e : new TreeMap<>(tensors).entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                ByteBuffer shape = ByteBuffer.allocate(8 * e.getValue().shape().length).order(ByteOrder.LITTLE_ENDIAN);
                for (long d : e.getValue().shape()) {
                    shape.putLong(d);
                }
                md.update(shape.array());
                ByteBuffer data = ByteBuffer.allocate(4 * e.getValue().data().length).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(e.getValue().data());
                md.update(data.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
