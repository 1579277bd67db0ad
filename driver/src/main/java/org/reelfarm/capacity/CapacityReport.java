package org.reelfarm.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The answer to a capacity question, as JSON ({@code gpus}, {@code wall_s}, {@code gpu_hours},
 * {@code cost} and a {@code breakdown}) or as a table. {@code cost} is null without a price.
 */
public final class CapacityReport {
    private final ModelProfile profile;
    private final Simulation sim;
    private final Double pricePerGpuHour;
    private final Double deadlineS;

    public CapacityReport(ModelProfile profile, Simulation sim, Double pricePerGpuHour, Double deadlineS) {
        this.profile = profile;
        this.sim = sim;
        this.pricePerGpuHour = pricePerGpuHour;
        this.deadlineS = deadlineS;
    }

    /** Price × GPU-hours, or null when no price was given. */
    public Double cost() {
        return pricePerGpuHour == null ? null : pricePerGpuHour * sim.gpuHours();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("profile", profile.id());
        root.put("gpu", profile.gpu());
        root.put("gpus", sim.gpus());
        root.put("replicas", sim.replicas());
        root.put("wall_s", sim.wallS());
        root.put("gpu_hours", sim.gpuHours());
        if (cost() == null) {
            root.putNull("cost");
        } else {
            root.put("cost", cost());
        }
        if (pricePerGpuHour == null) {
            root.putNull("price_per_gpu_hour");
        } else {
            root.put("price_per_gpu_hour", pricePerGpuHour);
        }
        if (deadlineS == null) {
            root.putNull("deadline_s");
        } else {
            root.put("deadline_s", deadlineS);
        }
        ObjectNode b = root.putObject("breakdown");
        Simulation.Compute c = sim.compute();
        ObjectNode compute = b.putObject("model_compute");
        compute.put("video_s", c.videoSeconds());
        compute.put("windows", c.windows());
        compute.put("window_steps", c.windowSteps());
        compute.put("overlap_factor", c.overlapFactor());
        compute.put("overlap_factor_of_plan", c.measuredOverlapFactor());
        compute.put("gpu_s", c.gpuS());
        compute.put("denoise_wall_s", c.denoiseWallS());
        compute.put("tasks", c.tasks());
        compute.put("task_overhead_s", c.taskOverheadS());
        Simulation.Codenoise cn = sim.codenoise();
        ObjectNode codenoise = b.putObject("codenoise");
        codenoise.put("enabled", cn.enabled());
        codenoise.put("model_calls", cn.modelCalls());
        codenoise.put("independent_calls", cn.independentCalls());
        codenoise.put("extra_calls", Math.max(0, cn.modelCalls() - cn.independentCalls()));
        codenoise.put("extra_calls_gpu_s", cn.extraCallsGpuS());
        codenoise.put("sync_rounds", cn.syncRounds());
        codenoise.put("stages", cn.stages());
        codenoise.put("round_overhead_wall_s", cn.roundOverheadWallS());
        Simulation.Loads l = sim.loads();
        ObjectNode loads = b.putObject("model_loads");
        loads.put("start_s", l.startS());
        loads.put("executors", l.executors());
        loads.put("loads", l.loads());
        loads.put("loads_per_executor", l.loads() / (double) l.executors());
        loads.put("seconds_per_load", l.secondsPerLoad());
        loads.put("wall_s", l.wallS());
        loads.put("gpu_s", l.gpuS());
        Simulation.Encode e = sim.encode();
        ObjectNode encode = b.putObject("encode_cpu");
        encode.put("segments", e.segments());
        encode.put("cpu_s", e.cpuS());
        encode.put("cpu_slots", e.cpuSlots());
        encode.put("wall_s", e.wallS());
        ObjectNode storage = b.putObject("storage");
        storage.put("output_gb", sim.storage().outputGb());
        storage.put("wall_s", sim.storage().wallS());
        Simulation.Retries r = sim.retries();
        ObjectNode retries = b.putObject("retries");
        retries.put("failure_rate", r.failureRate());
        retries.put("executor_loss_per_hour", r.executorLossPerHour());
        retries.put("failed_tasks", r.failedTasks());
        retries.put("lost_executors", r.lostExecutors());
        retries.put("stragglers", r.stragglers());
        retries.put("gpu_s", r.gpuS());
        return root;
    }

    public void printTable(PrintWriter out) {
        Simulation.Compute c = sim.compute();
        out.printf(Locale.ROOT, "%s on %s: %s of film, %,d windows, %,d window-steps%n", profile.id(), profile.gpu(),
                Deadline.format(c.videoSeconds()), c.windows(), c.windowSteps());
        out.printf(Locale.ROOT, "  %-34s %,14d%n", "GPUs", sim.gpus());
        out.printf(Locale.ROOT, "  %-34s %14s%n", "wall", Deadline.format(sim.wallS()));
        if (deadlineS != null) {
            out.printf(Locale.ROOT, "  %-34s %14s%n", "deadline", Deadline.format(deadlineS));
        }
        out.printf(Locale.ROOT, "  %-34s %,14.1f%n", "GPU-hours", sim.gpuHours());
        out.printf(Locale.ROOT, "  %-34s %14s%n", "cost",
                cost() == null ? "(give --price-per-gpu-hour)" : String.format(Locale.ROOT, "%,.2f", cost()));
        out.println("  breakdown");
        row(out, "model compute (GPU-h)", c.gpuS() / 3600, String.format(Locale.ROOT,
                "overlap factor W/(W-O) %.3f, of the plan %.3f", c.overlapFactor(), c.measuredOverlapFactor()));
        row(out, "denoise stage wall (h)", c.denoiseWallS() / 3600, String.format(Locale.ROOT, "%,d tasks", c.tasks()));
        Simulation.Codenoise cn = sim.codenoise();
        row(out, "codenoise extra calls", Math.max(0, cn.modelCalls() - cn.independentCalls()),
                String.format(Locale.ROOT, "%,d sync rounds in %,d stages, %.1f s of barriers", cn.syncRounds(),
                        cn.stages(), cn.roundOverheadWallS()));
        row(out, "model loads", sim.loads().loads(), String.format(Locale.ROOT,
                "%.0f s each, %,d executors, after a start-up of %.0f s", sim.loads().secondsPerLoad(),
                sim.loads().executors(), sim.loads().startS()));
        row(out, "encode on CPU (wall s)", sim.encode().wallS(), String.format(Locale.ROOT, "%,.0f CPU-s on %,d cores",
                sim.encode().cpuS(), sim.encode().cpuSlots()));
        row(out, "storage (GB)", sim.storage().outputGb(), String.format(Locale.ROOT, "%.1f s to publish",
                sim.storage().wallS()));
        Simulation.Retries r = sim.retries();
        row(out, "retries (GPU-h)", r.gpuS() / 3600, String.format(Locale.ROOT,
                "%d failed tasks at %.1f %%, %d lost executors, %d stragglers", r.failedTasks(), r.failureRate() * 100,
                r.lostExecutors(), r.stragglers()));
        out.flush();
    }

    private static void row(PrintWriter out, String name, double value, String note) {
        out.printf(Locale.ROOT, "    %-32s %,14.2f  %s%n", name, value, note);
    }
}
