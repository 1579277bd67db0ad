package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time so far of the whole machine, of this JVM, and of its child processes that have been
 * waited for, read from Linux's {@code /proc}. Two samples around a run tell how much CPU
 * <em>other</em> processes used meanwhile: a run that shared the cores gives slower figures.
 */
record CpuSample(long machineBusyTicks, long selfTicks, long childTicks) {
    /** Linux's USER_HZ, the unit of /proc CPU times; 100 on every mainstream kernel build. */
    static final double TICKS_PER_SECOND = 100;

    /** CPU seconds between two samples. */
    record Use(double selfSeconds, double childSeconds, double otherSeconds) {}

    /** Empty where /proc is missing (not Linux). */
    static Optional<CpuSample> now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            String self = Files.readString(Path.of("/proc/self/stat"));
            String[] s = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            // From field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
            long selfTicks = Long.parseLong(s[11]) + Long.parseLong(s[12]);
            long childTicks = Long.parseLong(s[13]) + Long.parseLong(s[14]);
            return Optional.of(new CpuSample(busy, selfTicks, childTicks));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    Use since(CpuSample start) {
        double self = (selfTicks - start.selfTicks) / TICKS_PER_SECOND;
        double child = (childTicks - start.childTicks) / TICKS_PER_SECOND;
        double machine = (machineBusyTicks - start.machineBusyTicks) / TICKS_PER_SECOND;
        return new Use(self, child, Math.max(0, machine - self - child));
    }
}
