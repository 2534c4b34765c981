package org.mmkgrec.embedding.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory while one model fits: the process's peak resident set (JVM heap plus PyTorch's native
 * memory; Linux's {@code VmHWM}, reset before the fit through {@code /proc/self/clear_refs}) and the
 * JVM heap's peak (the heap pools' peak usage, reset likewise). Where the reset is not possible the
 * RSS figure is the process's peak so far, and says so.
 */
public final class FitResources {
    private final boolean rssReset;

    private FitResources(boolean rssReset) {
        this.rssReset = rssReset;
    }

    /** Reset the peaks; call right before the fit. */
    public static FitResources start() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        boolean reset;
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            reset = true;
        } catch (java.io.IOException | RuntimeException e) {
            reset = false;
        }
        return new FitResources(reset);
    }

    /** Whether {@link #peakRssMb()} covers only this fit (false: the process's peak so far). */
    public boolean rssReset() {
        return rssReset;
    }

    public long peakRssMb() {
        return EvaluateJob.peakRssMb();
    }

    public long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
