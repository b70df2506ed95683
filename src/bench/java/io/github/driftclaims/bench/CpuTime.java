package io.github.driftclaims.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the benchmark thread per call, next to JMH's wall time. With libtorch on one thread,
 * all the work runs on the calling thread, so this is the single-core cost even while other
 * processes share the cores (they stretch the wall time, not this).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Per iteration: CPU nanoseconds of all calls, and the number of calls. */
    public long cpuNanos;
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
    }

    public static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public void since(long start) {
        cpuNanos += now() - start;
        calls++;
    }
}
