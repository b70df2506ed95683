package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler that resolves only the globals a PyTorch state dict needs, within hard limits.
 *
 * <p>Pyrolite's own global lookup is a static registry that falls back to a generic constructor for
 * unknown names; here every opcode that names a global is intercepted, checked against an allowlist,
 * and refused with an error before anything could be constructed or called. Opcodes that would build
 * arbitrary objects (INST, OBJ, BUILD on anything but a dict) are refused too.
 *
 * <p>Resources are bounded as the opcodes run: their number ({@link Limits#PICKLE_OPCODES}), the stack
 * ({@link Limits#PICKLE_STACK}) and the memo ({@link Limits#PICKLE_MEMO}); a length prefix is checked
 * against the bytes that are left before Pyrolite allocates for it; only callables this class made are
 * called; and dict keys must be plain values, since hashing a self-containing list recurses forever.
 */
final class RestrictedUnpickler extends Unpickler {

    /** Longest text line (INT, LONG, GLOBAL names...) read: decimal BigInteger parsing is quadratic. */

    private final Path file;
    private ByteArrayInputStream bytes;
    private long opcodes;

    RestrictedUnpickler(Path file) {
        this.file = file;
    }

    /** Unpickles {@code pickle}; every failure, whatever its cause, is a ModelLoadException naming the file. */
    Object load(byte[] pickle) {
        bytes = new ByteArrayInputStream(pickle);
        try {
            return load(bytes);
        } catch (ModelLoadException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw malformed("it nests too deeply to be read", e);
        } catch (IOException | RuntimeException e) {
            // Pyrolite signals a malformed stream with whatever its code trips on: an empty stack
            // (IndexOutOfBounds), a wrong type (ClassCast), a truncated stream (IOException)...
            throw malformed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private ModelLoadException malformed(String why, Throwable cause) {
        return new ModelLoadException(file, "the pickle in data.pkl is malformed (" + why + ")",
                TorchCheckpoint.RESAVE, cause);
    }

    private ModelLoadException limit(String what, String name, long value) {
        return new ModelLoadException(file, "the pickle in data.pkl " + what + " " + Limits.named(name, value)
                + "; a state dict needs far less, so this file is corrupt or hostile", TorchCheckpoint.RESAVE);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (++opcodes > Limits.PICKLE_OPCODES) {
            throw limit("runs more opcodes than", "PICKLE_OPCODES", Limits.PICKLE_OPCODES);
        }
        checkLength(key);
        Object result = switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                yield NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw refused("STACK_GLOBAL on a " + TorchCheckpoint.describe(module) + " and a "
                            + TorchCheckpoint.describe(name));
                }
                stack.add(resolve(m, n));
                yield NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ -> throw refused("opcode " + (key == Opcodes.INST ? "INST" : "OBJ"));
            case Opcodes.BUILD -> {
                // OrderedDict state dicts carry a _metadata attribute set through BUILD; it holds only
                // version numbers, so it is dropped. BUILD on anything else could run __setstate__.
                pop();
                Object target = pop();
                if (!(target instanceof Map)) {
                    throw refused("BUILD on " + TorchCheckpoint.describe(target));
                }
                stack.add(target);
                yield NO_RETURN_VALUE;
            }
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = pop();
                Object callable = pop();
                if (!(callable instanceof IObjectConstructor constructor)) {
                    throw malformed("REDUCE calls a " + TorchCheckpoint.describe(callable) + ", which is not callable",
                            null);
                }
                if (!(args instanceof Object[] tuple)) {
                    throw malformed("REDUCE passes a " + TorchCheckpoint.describe(args) + " as its arguments, not a tuple",
                            null);
                }
                stack.add(constructor.construct(tuple));
                yield NO_RETURN_VALUE;
            }
            case Opcodes.NEWOBJ_EX -> throw refused("opcode NEWOBJ_EX");
            case Opcodes.SETITEM, Opcodes.SETITEMS, Opcodes.DICT, Opcodes.ADDITEMS, Opcodes.FROZENSET -> {
                checkKeys(key);
                yield super.dispatch(key);
            }
            default -> super.dispatch(key);
        };
        if (stack.size() > Limits.PICKLE_STACK) {
            throw limit("holds more stack entries than", "PICKLE_STACK", Limits.PICKLE_STACK);
        }
        if (memo.size() > Limits.PICKLE_MEMO) {
            throw limit("holds more memo entries than", "PICKLE_MEMO", Limits.PICKLE_MEMO);
        }
        return result;
    }

    private Object pop() {
        if (stack.size() == 0) {
            throw malformed("an opcode pops the empty stack", null);
        }
        return stack.pop();
    }

    /**
     * Refuses a length prefix larger than the bytes left in the pickle, before Pyrolite allocates an
     * array of that length, and a text line longer than {@link Limits#PICKLE_LINE_BYTES}.
     */
    private void checkLength(short key) {
        int prefix = switch (key) {
            case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> 4;
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8, Opcodes.FRAME -> 8;
            case Opcodes.INT, Opcodes.LONG, Opcodes.FLOAT, Opcodes.STRING, Opcodes.UNICODE, Opcodes.GLOBAL,
                    Opcodes.PUT, Opcodes.GET, Opcodes.PERSID -> -1;
            default -> 0;
        };
        if (prefix == 0) {
            return;
        }
        bytes.mark(0);
        if (prefix < 0) {
            int lines = key == Opcodes.GLOBAL ? 2 : 1;
            for (int read = 0, c; lines > 0; read++) {
                if ((c = bytes.read()) < 0) {
                    break; // Pyrolite reports the truncation
                }
                if (c == '\n') {
                    lines--;
                    read = 0;
                } else if (read >= Limits.PICKLE_LINE_BYTES) {
                    throw malformed("a text opcode's line is longer than "
                            + Limits.named("PICKLE_LINE_BYTES", Limits.PICKLE_LINE_BYTES) + " bytes", null);
                }
            }
            bytes.reset();
            return;
        }
        byte[] le = new byte[prefix];
        int got = bytes.readNBytes(le, 0, prefix);
        long left = bytes.available();
        bytes.reset();
        if (got < prefix) {
            return; // Pyrolite reports the truncation
        }
        long length = 0;
        for (int i = prefix - 1; i >= 0; i--) {
            length = (length << 8) | (le[i] & 0xff);
        }
        if (prefix == 4 && key != Opcodes.BINUNICODE && key != Opcodes.BINBYTES) {
            length = (int) length; // BINSTRING and LONG4 lengths are signed
        }
        if (length < 0 || length > left) {
            throw malformed("an opcode announces " + Long.toUnsignedString(length) + " bytes but only " + left
                    + " are left", null);
        }
    }

    /** Dict and set keys must hash without recursing: strings, numbers, booleans, None or tuples. */
    private void checkKeys(short key) {
        List<Object> items;
        if (key == Opcodes.SETITEM) {
            Object value = pop();
            Object k = pop();
            items = List.of(k);
            stack.add(k);
            stack.add(value);
        } else {
            items = new java.util.ArrayList<>(stack.pop_all_since_marker());
            stack.add_mark();
            items.forEach(stack::add);
        }
        boolean pairs = key == Opcodes.SETITEMS || key == Opcodes.DICT;
        for (int i = 0; i < items.size(); i += pairs ? 2 : 1) {
            Object k = items.get(i);
            if (!(k == null || k instanceof String || k instanceof Number || k instanceof Boolean
                    || k instanceof Object[])) {
                throw malformed("a dict or set key is a " + TorchCheckpoint.describe(k)
                        + ", which a state dict never uses", null);
            }
        }
    }

    private Object resolve(String module, String name) {
        if (module.equals("collections") && name.equals("OrderedDict")) {
            return (IObjectConstructor) args -> new LinkedHashMap<Object, Object>();
        }
        if (module.equals("torch._utils") && name.equals("_rebuild_tensor_v2")) {
            return (IObjectConstructor) this::rebuildTensor;
        }
        if (module.equals("torch")) {
            TorchCheckpoint.StorageType type = TorchCheckpoint.StorageType.forClassName(name);
            if (type != null) {
                return type;
            }
        }
        throw refused("global " + Excerpt.of(module + "." + name));
    }

    private ModelLoadException refused(String what) {
        return new ModelLoadException(file, "the pickle uses " + what + ", which a state dict never needs; "
                + "it was refused and nothing in the file was executed",
                "only load checkpoints saved with torch.save(model.state_dict(), path) from a source you trust");
    }

    /** Python: _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]). */
    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof TorchCheckpoint.StorageRef storage)) {
            throw refused("_rebuild_tensor_v2 with unexpected arguments");
        }
        // Only the description, checked: the values are read when the loader asks for this tensor.
        return TorchCheckpoint.LazyTensor.of(file, storage, exactLong(args[1], "a storage offset"),
                longs(args[2], "a tensor size"), longs(args[3], "a tensor stride"));
    }

    /** Python: persistent_id = ('storage', storage_type, key, location, numel). */
    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length >= 5 && "storage".equals(t[0])
                && t[1] instanceof TorchCheckpoint.StorageType type && t[2] instanceof String key) {
            long numel = exactLong(t[4], "a storage size");
            if (numel < 0) {
                throw TorchCheckpoint.corrupt(file, "storage " + key + " has the negative size " + numel);
            }
            try {
                Math.multiplyExact(numel, type.width);
            } catch (ArithmeticException overflow) {
                throw TorchCheckpoint.corrupt(file, "storage " + key + " of " + numel + " elements has more bytes"
                        + " than a long holds");
            }
            return new TorchCheckpoint.StorageRef(key, type, numel);
        }
        throw refused("a persistent id that is not a tensor storage");
    }

    /** A pickled int as a long, refusing floats, booleans and integers beyond a long rather than truncating them. */
    private long exactLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        // A long integer is sized, not printed: BigInteger.toString of an 8 MiB LONG4 takes minutes.
        throw TorchCheckpoint.corrupt(file, what + " is " + (o instanceof BigInteger b ? (b.bitLength() <= 128
                ? "the integer " + b : "an integer of " + b.bitLength() + " bits") + ", beyond a long"
                : "a " + TorchCheckpoint.describe(o) + ", not an integer"));
    }

    private long[] longs(Object tuple, String what) {
        if (!(tuple instanceof Object[] t)) {
            throw TorchCheckpoint.corrupt(file, what + " is a " + TorchCheckpoint.describe(tuple) + ", not a tuple");
        }
        if (t.length > Limits.TENSOR_DIMS) {
            throw TorchCheckpoint.corrupt(file, what + " has " + t.length + " dimensions, more than "
                    + Limits.named("TENSOR_DIMS", Limits.TENSOR_DIMS));
        }
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = exactLong(t[i], what);
        }
        return out;
    }
}
