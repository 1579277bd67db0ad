package org.reelfarm.task;

import java.util.Map;

/**
 * Callbacks on an executor just before a task's model work, for tests that make work fail on
 * purpose. Production installs none: {@link #installed()} is then a hook that does nothing. A
 * test installs one by putting an implementation (a public class with a public no-argument
 * constructor) and its {@code META-INF/services/org.reelfarm.task.TaskHook} file on the
 * classpath of the driver and the executors ({@link java.util.ServiceLoader}).
 *
 * <p>A callback that throws fails the work as a real failure there would. Callbacks run on task
 * threads, several at once: implementations must be thread-safe.
 */
public interface TaskHook {
    /** Before the windows of batch {@code batch}, all of film {@code film} named {@code name}, are denoised. */
    default void beforeBatch(int batch, int film, String name) {}

    /**
     * Before windows of the given films (names by film index) take the model steps of sync round
     * {@code round}. Also called film by film when a failed round is tried again to find the
     * failing films.
     */
    default void beforeSyncRound(int round, Map<Integer, String> films) {}

    /** The hook on this JVM's classpath, loaded once; a hook that does nothing if there is none. */
    static TaskHook installed() {
        return TaskHookLoader.HOOK;
    }
}
