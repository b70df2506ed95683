package io.github.driftclaims.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The single-core rates the floor is computed from, measured with the same engine. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RateBench {

    public static final int MATMUL_N = 1024;
    /** 256 MiB of float32: far larger than any cache, so a sum over it streams from memory. */
    public static final int READ_FLOATS = 64 << 20;

    private NDManager manager;
    private NDArray a;
    private NDArray b;
    private NDArray big;

    @Setup(Level.Trial)
    public void setup() {
        Threads.startSingleThreaded();
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(5);
        a = manager.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N));
        b = manager.randomUniform(-1, 1, new Shape(MATMUL_N, MATMUL_N));
        big = manager.randomUniform(-1, 1, new Shape(READ_FLOATS));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** 1024 x 1024 x 1024 float32: 2 * 1024^3 FLOPs. */
    @Benchmark
    public float matmul1024(CpuTime cpu) {
        long start = CpuTime.now();
        try (NDArray c = a.matMul(b)) {
            return c.getFloat(0, 0);
        } finally {
            cpu.since(start);
        }
    }

    /** Reads 256 MiB once. */
    @Benchmark
    public float sum256MiB(CpuTime cpu) {
        long start = CpuTime.now();
        try (NDArray s = big.sum()) {
            return s.getFloat();
        } finally {
            cpu.since(start);
        }
    }
}
