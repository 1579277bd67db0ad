package org.reelfarm.render;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints the progress of long stages: on a terminal one line redrawn in place with tasks done
 * and total, tasks per second and the time left; elsewhere (a log file, CI) a plain line at most
 * every {@link #PLAIN_INTERVAL_NANOS 10 s} and when a stage ends, so a long render writes a
 * handful of lines, not one per task.
 */
final class ProgressListener extends SparkListener {
    static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream console;
    private final boolean terminal;
    private final LongSupplier clock;
    private final Map<Integer, int[]> stages = new ConcurrentHashMap<>(); // stage -> {total, done}
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final long start;
    private final AtomicInteger completed = new AtomicInteger();
    private final boolean denoiseProgress;
    private long lastLine;
    private final Supplier<Admission.Progress> library;
    private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>(); // stage -> job group
    private final Map<String, AtomicInteger> groupStages = new ConcurrentHashMap<>(); // job group -> stages done

    /**
     * @param denoiseProgress whether to report the tasks of denoise stages too (co-denoising reports
     *     its sync rounds itself; per-round task lines would drown them)
     */
    ProgressListener(PrintStream console, boolean denoiseProgress) {
        this(console, denoiseProgress, () -> null);
    }

    /** @param library the library's numbers (films done, windows in flight), shown on each line; null for none */
    ProgressListener(PrintStream console, boolean denoiseProgress, Supplier<Admission.Progress> library) {
        this(console, denoiseProgress, isTerminal(), System::nanoTime, library);
    }

    /** Test seam: a given terminal flag and clock. */
    ProgressListener(PrintStream console, boolean denoiseProgress, boolean terminal, LongSupplier clock) {
        this(console, denoiseProgress, terminal, clock, () -> null);
    }

    private ProgressListener(PrintStream console, boolean denoiseProgress, boolean terminal, LongSupplier clock,
            Supplier<Admission.Progress> library) {
        this.library = library;
        this.console = console;
        this.denoiseProgress = denoiseProgress;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastLine = start;
    }

    /** Whether stderr is likely a terminal: a console is attached and TERM names a real one. */
    static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.isBlank() && !"dumb".equals(term);
    }

    /** What a Spark stage of a render does, from the stage's name (the call site Spark gives it). */
    static String stageLabel(String sparkName) {
        return sparkName.contains("collect") ? "blend, decode and encode segments" : "denoise windows";
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        int id = event.stageInfo().stageId();
        String label = stageLabel(event.stageInfo().name());
        if (!denoiseProgress && label.startsWith("denoise")) {
            return;
        }
        watch(id, label, event.stageInfo().numTasks());
    }

    /** Stages completed since the listener was added. */
    int stagesCompleted() {
        return completed.get();
    }

    /** Stages completed by the jobs of one job group (one group of films in flight). */
    int stagesCompleted(String jobGroup) {
        AtomicInteger n = groupStages.get(jobGroup);
        return n == null ? 0 : n.get();
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        String group = event.properties() == null ? null : event.properties().getProperty("spark.jobGroup.id");
        if (group != null) {
            for (Object stage : scala.collection.JavaConverters.seqAsJavaList(event.stageIds())) {
                stageGroups.put((Integer) stage, group);
            }
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        completed.incrementAndGet();
        String group = stageGroups.remove(event.stageInfo().stageId());
        if (group != null) {
            groupStages.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        int[] stage = stages.get(event.stageId());
        if (stage == null || !event.taskInfo().successful()) {
            return;
        }
        taskDone(event.stageId(), stage);
    }

    /** Counts one finished task of a watched stage and prints a line if one is due. */
    synchronized void taskDone(int stageId, int[] stage) {
        stage[1]++;
        long now = clock.getAsLong();
        boolean last = stage[1] >= stage[0];
        if (!last && now - lastLine < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastLine = now;
        double elapsed = (now - start) / 1e9;
        double rate = stage[1] / Math.max(1e-3, (now - started.getOrDefault(stageId, start)) / 1e9);
        String line = String.format(Locale.ROOT, "  %-34s %s %4d/%d tasks  %.1f/s  %s", names.get(stageId),
                bar(stage[1], stage[0]), stage[1], stage[0], rate,
                last ? String.format(Locale.ROOT, "done at %.0f s", elapsed)
                        : String.format(Locale.ROOT, "%.0f s left", (stage[0] - stage[1]) / Math.max(1e-6, rate)))
                + libraryNote(library.get());
        if (terminal) {
            console.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
            console.flush();
        } else {
            console.println(line);
        }
    }

    /** Registers a stage by hand (test seam). */
    int[] watch(int stageId, String name, int tasks) {
        int[] stage = {tasks, 0};
        stages.put(stageId, stage);
        names.put(stageId, name);
        started.put(stageId, clock.getAsLong());
        return stage;
    }

    /** "  films 3/100, 2 in flight, 40 windows in flight" for a library, empty otherwise. */
    static String libraryNote(Admission.Progress p) {
        if (p == null || p.filmsTotal() < 2) {
            return "";
        }
        return String.format(Locale.ROOT, "  films %d/%d, %d in flight, %d windows in flight", p.filmsDone(),
                p.filmsTotal(), p.filmsInFlight(), p.windowsInFlight());
    }

    /**
     * What the console line of a committed film adds in a library: films done of all, windows in
     * flight, and the time left if films keep coming at the rate they came so far.
     */
    static String commitNote(Admission.Progress p, long done, double elapsedSeconds) {
        double left = done > 0 ? elapsedSeconds / done * Math.max(0, p.filmsTotal() - done) : Double.NaN;
        return String.format(Locale.ROOT, " (films %d/%d, %d windows in flight%s)", done, p.filmsTotal(),
                p.windowsInFlight(), Double.isNaN(left) ? "" : String.format(Locale.ROOT, ", about %.0f s left", left));
    }

    private static String bar(int done, int total) {
        int width = 20;
        int full = total == 0 ? width : done * width / total;
        return "[" + "#".repeat(full) + " ".repeat(width - full) + "]";
    }
}
