package org.reelfarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures of a JVM, from its {@code -Xlog:gc} file: every collection logs
 * {@code before->after(committed)}, e.g. {@code GC(3) Pause Young (Normal) (G1 Evacuation Pause) 52M->9M(768M) 3.1ms}.
 *
 * @param collections collections logged
 * @param maxAfterMb the largest heap in use right after a collection: an upper bound of the live
 *     data the JVM kept at that moment (what grows if the driver holds a film)
 * @param maxBeforeMb the largest heap in use right before a collection: the peak occupancy seen,
 *     garbage included (bounded by the young generation's size, so by -Xmx)
 * @param maxCommittedMb the largest heap the JVM reserved
 */
record GcLog(int collections, double maxAfterMb, double maxBeforeMb, double maxCommittedMb) {
    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern PAUSE_MS = Pattern.compile("(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]");

    /** The JVM flag that writes the log this class reads; {@code file} must not contain ':'. */
    static String jvmFlag(String file) {
        if (file.contains(":")) {
            throw new IllegalArgumentException("-Xlog file names cannot contain ':', got " + file);
        }
        return "-Xlog:gc:file=" + file;
    }

    static GcLog read(Path file) throws IOException {
        try {
            return parse(Files.readAllLines(file));
        } catch (NoSuchFileException e) {
            return parse(List.of());
        }
    }

    static GcLog parse(List<String> lines) {
        int collections = 0;
        double after = 0;
        double before = 0;
        double committed = 0;
        for (String line : lines) {
            Matcher m = HEAP.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, mb(m.group(1), m.group(2)));
                after = Math.max(after, mb(m.group(3), m.group(4)));
                committed = Math.max(committed, mb(m.group(5), m.group(6)));
            }
        }
        return new GcLog(collections, after, before, committed);
    }

    /**
     * A pause of {@link #timeline}: when (seconds since JVM start), the heap after it, and whether
     * the old generation's garbage is collected by then.
     */
    record Sample(double atSeconds, double heapMb, boolean oldCollected) {}

    /**
     * Every collection of a file written with the uptime decoration ({@code [1.5s][info][gc] ...});
     * none if there is no file. The old generation is collected after a full pause and after the
     * last of a run of G1's mixed pauses (which collect old regions a share at a time): the heap
     * then is about what is live.
     */
    static List<Sample> timeline(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Sample> out = new ArrayList<>();
        boolean inMixedRun = false; // the last sample is a mixed pause, maybe not the last of its run
        for (String line : lines) {
            Matcher heap = HEAP.matcher(line);
            Matcher uptime = UPTIME.matcher(line);
            if (heap.find() && uptime.find()) {
                boolean mixed = line.contains("Pause Young (Mixed)");
                if (!mixed && inMixedRun) {
                    endMixedRun(out);
                }
                inMixedRun = mixed;
                out.add(new Sample(Double.parseDouble(uptime.group(1)), mb(heap.group(3), heap.group(4)),
                        line.contains("Pause Full")));
            }
        }
        if (inMixedRun) {
            endMixedRun(out);
        }
        return out;
    }

    /** The last sample ends a run of mixed pauses: the old generation is collected by then. */
    private static void endMixedRun(List<Sample> samples) {
        Sample last = samples.get(samples.size() - 1);
        samples.set(samples.size() - 1, new Sample(last.atSeconds(), last.heapMb(), true));
    }

    /** A collection from the log: when (seconds since JVM start), the heap after it, its pause. */
    record Collection(double atSeconds, double afterMb, double pauseMs) {}

    /**
     * The full collections that {@code System.gc()} asked for (as {@link LiveHeap} does), in order,
     * from a file written with the uptime decoration. The heap after a full collection is what is
     * live: nothing allocated after it counts, as it would in a reading of the heap in use.
     */
    static List<Collection> explicitFull(List<String> lines) {
        List<Collection> out = new ArrayList<>();
        for (String line : lines) {
            Matcher heap = HEAP.matcher(line);
            Matcher uptime = UPTIME.matcher(line);
            Matcher pause = PAUSE_MS.matcher(line);
            if (line.contains("Pause Full (System.gc())") && heap.find() && uptime.find() && pause.find()) {
                out.add(new Collection(Double.parseDouble(uptime.group(1)), mb(heap.group(3), heap.group(4)),
                        Double.parseDouble(pause.group(1))));
            }
        }
        return out;
    }

    private static double mb(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "M" -> value;
            case "G" -> value * 1024;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
