package io.github.driftclaims.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * An unpickler that resolves only the globals a PyTorch state dict needs.
 *
 * <p>Pyrolite's own global lookup is a static registry that falls back to a generic constructor for
 * unknown names; here every opcode that names a global is intercepted, checked against an allowlist,
 * and refused with an error before anything could be constructed or called. Opcodes that would build
 * arbitrary objects (INST, OBJ, BUILD on anything but a dict) are refused too.
 */
final class RestrictedUnpickler extends Unpickler {

    private final Path file;
    private final ZipFile zip;
    private final String prefix;

    RestrictedUnpickler(Path file, ZipFile zip, String prefix) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ -> throw refused("opcode " + (key == Opcodes.INST ? "INST" : "OBJ"));
            case Opcodes.BUILD -> {
                // OrderedDict state dicts carry a _metadata attribute set through BUILD; it holds only
                // version numbers, so it is dropped. BUILD on anything else could run __setstate__.
                Object state = stack.pop();
                if (!(stack.peek() instanceof Map)) {
                    throw refused("BUILD on " + TorchCheckpoint.describe(stack.peek()));
                }
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
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
        throw refused("global " + module + "." + name);
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
        if (!storage.type().floating) {
            return new TorchCheckpoint.SkippedTensor(storage.type());
        }
        // Only the description: the values are read when the loader asks for this tensor.
        return new TorchCheckpoint.LazyTensor(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    /** Python: persistent_id = ('storage', storage_type, key, location, numel). */
    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length >= 5 && "storage".equals(t[0])
                && t[1] instanceof TorchCheckpoint.StorageType type) {
            return new TorchCheckpoint.StorageRef(String.valueOf(t[2]), type, ((Number) t[4]).longValue());
        }
        throw refused("a persistent id that is not a tensor storage");
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }
}
