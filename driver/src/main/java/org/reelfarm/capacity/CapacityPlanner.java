package org.reelfarm.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers the two capacity questions with a simulated {@link Schedule}: the wall time on N GPUs, and the
 * fewest GPUs that meet a deadline (a binary search over replica counts; the wall falls with more
 * GPUs until every active window has its own executor).
 */
public final class CapacityPlanner {
    private final Schedule simulator;
    private final ModelProfile profile;

    public CapacityPlanner(Schedule simulator, ModelProfile profile) {
        this.simulator = simulator;
        this.profile = profile;
    }

    /** The simulation on {@code gpus} GPUs. */
    public Simulation onGpus(int gpus) {
        return simulator.simulate(gpus);
    }

    /** The shortest wall any GPU count reaches, and where. */
    public Simulation fastest() {
        return simulator.simulate(maxGpus());
    }

    private int maxGpus() {
        return Math.multiplyExact(simulator.maxUsefulReplicas(), profile.gpusPerReplica());
    }

    /**
     * The fewest GPUs (whole replicas) whose wall is within {@code deadlineS}.
     *
     * @throws CapacityException if no GPU count meets it, naming the shortest possible wall
     */
    public Simulation forDeadline(double deadlineS) {
        if (!(deadlineS > 0)) {
            throw new CapacityException("--deadline must be more than 0 s, got " + deadlineS);
        }
        int gpr = profile.gpusPerReplica();
        Simulation best = fastest();
        if (best.wallS() > deadlineS) {
            throw new CapacityException(String.format(java.util.Locale.ROOT,
                    "no GPU count meets --deadline %s: the shortest wall is %s (at %d GPUs, every active window on its"
                            + " own executor); give a deadline of at least %s, or shorten the shots",
                    Deadline.format(deadlineS), Deadline.format(best.wallS()), best.gpus(),
                    Deadline.format(Math.ceil(best.wallS()))));
        }
        int lo = 1;
        int hi = best.replicas();
        Simulation found = best;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            Simulation s = simulator.simulate(mid * gpr);
            if (s.wallS() <= deadlineS) {
                hi = mid;
                found = s;
            } else {
                lo = mid + 1;
            }
        }
        return found.replicas() == lo ? found : simulator.simulate(lo * gpr);
    }

    /** Simulations at about {@code points} GPU counts from one replica to {@code upTo} GPUs, on a log scale. */
    public List<Simulation> sweep(int upTo, int points) {
        int gpr = profile.gpusPerReplica();
        int maxReplicas = Math.max(1, upTo / gpr);
        List<Simulation> out = new ArrayList<>();
        int last = 0;
        for (int i = 0; i < points; i++) {
            double f = points == 1 ? 1 : i / (double) (points - 1);
            int replicas = (int) Math.round(Math.exp(Math.log(maxReplicas) * f));
            if (replicas > last) {
                out.add(simulator.simulate(replicas * gpr));
                last = replicas;
            }
        }
        return out;
    }
}
