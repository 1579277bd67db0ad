package org.reelfarm.task;

import java.util.List;
import java.util.ServiceLoader;

/** Loads the {@link TaskHook} once per JVM, on first use. */
final class TaskHookLoader {
    static final TaskHook HOOK = load();

    private TaskHookLoader() {}

    private static TaskHook load() {
        List<TaskHook> found = ServiceLoader.load(TaskHook.class, TaskHook.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("more than one task hook on the classpath: "
                    + found.stream().map(h -> h.getClass().getName()).toList() + "; keep one");
        }
        return found.isEmpty() ? new TaskHook() {} : found.get(0);
    }
}
