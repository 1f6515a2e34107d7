package io.dsk.bench.scenario;

import java.lang.management.ManagementFactory;

/** The load generator's (this process's) heap in use, to show that it is not what limits a run. */
final class GeneratorHeap {

    private GeneratorHeap() {
    }

    /** Heap in use right after a full collection, in bytes. */
    static long usedBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
