package org.reelfarm.capacity;

/** What {@link CapacityPlanner} asks of a simulated schedule. */
public interface Schedule {

    /** The schedule run on {@code gpus} GPUs. */
    Simulation simulate(int gpus);

    /** Replicas beyond which more GPUs cannot shorten the render. */
    int maxUsefulReplicas();
}
