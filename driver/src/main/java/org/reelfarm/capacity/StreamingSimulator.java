package org.reelfarm.capacity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.render.Admission;
import org.reelfarm.render.InFlightBudget;

/**
 * A library rendered as Reelfarm streams it: films enter the denoising work in film order, in
 * groups of consecutive films of at most half a budget of windows in flight (a longer film is a
 * group alone), and the first film of a fresh library is a group alone, in flight alone, so that
 * it is committed first. Each group is one Spark job, simulated by {@link FarmSimulator} on all
 * the replicas. The groups' denoising runs one after another on the GPUs, and each group's blend,
 * decode, encode and publish on the CPU cores overlaps the next group's denoising (a render keeps
 * two groups in flight for that); the second group waits for the first film's commit.
 *
 * <p>The budget is {@code --max-in-flight}, or as a render derives it from its task slots,
 * {@value #WINDOWS_PER_SLOT} windows per slot (one slot per replica here); the render's other
 * bound, executor memory, is not modelled. Assumed: a group's denoising does not share the GPUs
 * with the next one's, so the idle tail of a group's last stage is counted, where the render's
 * second lane may fill it: an upper bound of the denoising wall. Not thread-safe.
 */
public final class StreamingSimulator implements Schedule {
    /** Windows in flight per task slot when no budget is given, as a render derives it. */
    static final int WINDOWS_PER_SLOT = InFlightBudget.WINDOWS_PER_CORE;

    private final Workload workload;
    private final ModelProfile profile;
    private final Overheads overheads;
    private final int window;
    private final int overlap;
    private final int maxInFlight;
    private final FarmSimulator whole;
    private final List<Integer> filmWindows;
    /** Simulators of the groups met so far, keyed by their films' shots. */
    private final Map<List<List<Double>>, FarmSimulator> groupSimulators = new HashMap<>();

    /** @param maxInFlight windows in flight, or 0 for the budget a render derives from its slots */
    public StreamingSimulator(Workload workload, ModelProfile profile, Overheads overheads, int window, int overlap,
            int maxInFlight) {
        if (maxInFlight < 0) {
            throw new CapacityException("--max-in-flight must be at least 1 window, got " + maxInFlight);
        }
        this.workload = workload;
        this.profile = profile;
        this.overheads = overheads;
        this.window = window;
        this.overlap = overlap;
        this.maxInFlight = maxInFlight;
        this.whole = new FarmSimulator(workload, profile, overheads, window, overlap);
        this.filmWindows = workload.films().stream().map(f -> Math.toIntExact(whole.windowsOf(f))).toList();
    }

    /** Windows in flight on {@code replicas} replicas. */
    int budget(int replicas) {
        return maxInFlight > 0 ? maxInFlight : WINDOWS_PER_SLOT * Math.max(1, replicas);
    }

    /**
     * The films of each group, as indices in film order, for a budget of {@code budget} windows:
     * as a fresh library's render admits them ({@link Admission#groups}), the first film alone,
     * then consecutive films of at most half the budget together.
     */
    List<List<Integer>> groups(int budget) {
        return Admission.groups(filmWindows, Math.max(1, budget / 2), true).stream()
                .map(Admission.Group::films).toList();
    }

    @Override
    public int maxUsefulReplicas() {
        return whole.maxUsefulReplicas();
    }

    @Override
    public Simulation simulate(int gpus) {
        if (gpus < 1 || gpus < profile.gpusPerReplica()) {
            return whole.simulate(gpus); // names the mistake
        }
        List<List<Integer>> groups = groups(budget(gpus / profile.gpusPerReplica()));
        if (groups.size() == 1) {
            return whole.simulate(gpus);
        }
        List<Simulation> parts = new ArrayList<>(groups.size());
        Map<FarmSimulator, Simulation> simulated = new HashMap<>();
        double gpusFree = 0;
        double cpusFree = 0;
        double firstCommitted = 0;
        for (int g = 0; g < groups.size(); g++) {
            Simulation s = simulated.computeIfAbsent(simulator(groups.get(g)), sim -> sim.simulate(gpus));
            parts.add(s);
            double start = g == 1 ? firstCommitted : gpusFree;
            gpusFree = start + s.compute().denoiseWallS();
            cpusFree = Math.max(cpusFree, gpusFree) + s.encode().wallS() + s.storage().wallS();
            if (g == 0) {
                firstCommitted = cpusFree;
            }
        }
        return combined(parts, overheads.startS() + profile.modelLoadSeconds() + cpusFree);
    }

    private FarmSimulator simulator(List<Integer> group) {
        List<Workload.Film> films = group.stream().map(workload.films()::get).toList();
        return groupSimulators.computeIfAbsent(films.stream().map(Workload.Film::shotSeconds).toList(),
                k -> new FarmSimulator(new Workload(films), profile, overheads, window, overlap));
    }

    /** The groups' figures summed, with the start cost and a model load once per executor, and the wall given. */
    private Simulation combined(List<Simulation> parts, double wallS) {
        Simulation first = parts.get(0);
        int gpr = profile.gpusPerReplica();
        Simulation.Compute c = first.compute();
        Simulation.Compute compute = new Simulation.Compute(sum(parts, s -> s.compute().videoSeconds()),
                (long) sum(parts, s -> s.compute().windows()), (long) sum(parts, s -> s.compute().windowSteps()),
                c.overlapFactor(), whole.measuredOverlapFactor(), sum(parts, s -> s.compute().gpuS()),
                sum(parts, s -> s.compute().denoiseWallS()), (long) sum(parts, s -> s.compute().tasks()),
                sum(parts, s -> s.compute().taskOverheadS()));
        Simulation.Codenoise codenoise = new Simulation.Codenoise(first.codenoise().enabled(),
                (long) sum(parts, s -> s.codenoise().modelCalls()), (long) sum(parts, s -> s.codenoise().independentCalls()),
                sum(parts, s -> s.codenoise().extraCallsGpuS()), (int) sum(parts, s -> s.codenoise().syncRounds()),
                (int) sum(parts, s -> s.codenoise().stages()), sum(parts, s -> s.codenoise().roundOverheadWallS()));
        int lost = (int) sum(parts, s -> s.retries().lostExecutors());
        double load = profile.modelLoadSeconds();
        Simulation.Loads loads = new Simulation.Loads(first.replicas(), first.replicas() + lost, load,
                overheads.startS(), overheads.startS() + load,
                (first.replicas() + lost) * load * gpr);
        Simulation.Encode encode = new Simulation.Encode((long) sum(parts, s -> s.encode().segments()),
                sum(parts, s -> s.encode().cpuS()), first.encode().cpuSlots(), sum(parts, s -> s.encode().wallS()));
        Simulation.Storage storage = new Simulation.Storage(sum(parts, s -> s.storage().outputGb()),
                sum(parts, s -> s.storage().wallS()));
        Simulation.Retries r = first.retries();
        Simulation.Retries retries = new Simulation.Retries(r.failureRate(), r.executorLossPerHour(),
                (int) sum(parts, s -> s.retries().failedTasks()), lost, (int) sum(parts, s -> s.retries().stragglers()),
                sum(parts, s -> s.retries().gpuS()));
        return new Simulation(first.gpus(), first.replicas(), wallS, compute, codenoise, loads, encode, storage, retries);
    }

    private static double sum(List<Simulation> parts, java.util.function.ToDoubleFunction<Simulation> figure) {
        return parts.stream().mapToDouble(figure).sum();
    }
}
