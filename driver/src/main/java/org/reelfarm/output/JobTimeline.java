package org.reelfarm.output;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Spark job did and when: every task attempt with its executor, and every executor
 * lost. Times are milliseconds since the epoch. Drawn by {@link #svg} as one lane per executor.
 *
 * @param tasks every task attempt that ended, in the order they ended
 * @param lost executors removed during the job
 */
public record JobTimeline(List<TaskSpan> tasks, List<LostExecutor> lost) {

    /** One task attempt. {@code failed} holds the reason of a failed attempt, null for a success. */
    public record TaskSpan(String stage, int stageId, int partition, int attempt, String executor, long startMs,
            long endMs, String failed) {}

    /** An executor the job lost, and why. */
    public record LostExecutor(String executor, long atMs, String reason) {}

    public JobTimeline {
        tasks = List.copyOf(tasks);
        lost = List.copyOf(lost);
    }

    public static JobTimeline empty() {
        return new JobTimeline(List.of(), List.of());
    }

    /** The timeline as an inline SVG: a lane per executor, a bar per task, red for a failed attempt. */
    String svg() {
        if (tasks.isEmpty()) {
            return "<p>No task ran in this job (every part was reused).</p>\n";
        }
        long t0 = tasks.stream().mapToLong(TaskSpan::startMs).min().orElse(0);
        long t1 = Math.max(t0 + 1, tasks.stream().mapToLong(TaskSpan::endMs).max().orElse(1));
        Map<String, Integer> lanes = new TreeMap<>();
        tasks.forEach(t -> lanes.putIfAbsent(t.executor(), 0));
        lost.forEach(l -> lanes.putIfAbsent(l.executor(), 0));
        int i = 0;
        for (Map.Entry<String, Integer> e : lanes.entrySet()) {
            e.setValue(i++);
        }
        int left = 110;
        int width = 900;
        int lane = 22;
        int height = lanes.size() * lane + 30;
        double scale = (double) (width - left - 10) / (t1 - t0);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"job-timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"11\" font-family=\"sans-serif\">%n", width, height, width, height));
        for (Map.Entry<String, Integer> e : lanes.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">executor %s</text>%n", e.getValue() * lane + 15,
                    Report.escape(e.getKey())));
        }
        for (TaskSpan t : tasks) {
            double x = left + (t.startMs() - t0) * scale;
            double w = Math.max(1, (t.endMs() - t.startMs()) * scale);
            String fill = t.failed() != null ? "#d33" : t.stage().startsWith("denoise") ? "#4a7fd4" : "#3a9a5b";
            svg.append(String.format(Locale.ROOT, "<rect class=\"task%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                            + " fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\"><title>%s task %d attempt %d on executor %s,"
                            + " %.2f s%s</title></rect>%n", t.failed() != null ? " failed" : "", x,
                    lanes.get(t.executor()) * lane + 3, w, lane - 6, fill, Report.escape(t.stage()), t.partition(),
                    t.attempt(), Report.escape(t.executor()), (t.endMs() - t.startMs()) / 1000.0,
                    t.failed() == null ? "" : ": failed, " + Report.escape(t.failed())));
        }
        for (LostExecutor l : lost) {
            double x = left + (Math.min(Math.max(l.atMs(), t0), t1) - t0) * scale;
            int y = lanes.get(l.executor()) * lane;
            svg.append(String.format(Locale.ROOT, "<line class=\"lost\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\""
                    + " stroke-width=\"2\"><title>executor %s lost: %s</title></line>%n", x, x, y, y + lane,
                    Report.escape(l.executor()), Report.escape(l.reason())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0 s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
                + "%.1f s</text>%n</svg>%n", left, height - 8, width - 10, height - 8, (t1 - t0) / 1000.0));
        long retries = tasks.stream().filter(t -> t.attempt() > 0).count();
        svg.append(String.format(Locale.ROOT, "<p id=\"job-figures\">%d task attempts on %d executors, %d retries, %d failed"
                        + " attempts, %d executors lost. Blue: denoise, green: blend/decode/encode, red: failed.</p>%n",
                tasks.size(), lanes.size(), retries, tasks.stream().filter(t -> t.failed() != null).count(), lost.size()));
        return svg.toString();
    }
}
