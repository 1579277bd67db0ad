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
            long[] self = times(Files.readString(Path.of("/proc/self/stat")));
            return Optional.of(new CpuSample(busy, self[0] + self[1], self[2] + self[3]));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU ticks used so far by process {@code pid} and by its children that it has waited for;
     * 0 if the process is gone (or not Linux).
     */
    static long processTicks(long pid) {
        try {
            long[] t = times(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return t[0] + t[1] + t[2] + t[3];
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return 0;
        }
    }

    /** utime, stime, cutime and cstime from the text of /proc/PID/stat. */
    private static long[] times(String stat) {
        String[] s = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // From field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
        return new long[] {Long.parseLong(s[11]), Long.parseLong(s[12]), Long.parseLong(s[13]), Long.parseLong(s[14])};
    }

    Use since(CpuSample start) {
        double self = (selfTicks - start.selfTicks) / TICKS_PER_SECOND;
        double child = (childTicks - start.childTicks) / TICKS_PER_SECOND;
        double machine = (machineBusyTicks - start.machineBusyTicks) / TICKS_PER_SECOND;
        return new Use(self, child, Math.max(0, machine - self - child));
    }
}
