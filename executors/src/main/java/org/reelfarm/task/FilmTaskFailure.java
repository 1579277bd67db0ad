package org.reelfarm.task;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A task's failure with the films whose work it was doing, so that when Spark gives up on the
 * task the driver can fail those films alone and keep the others. Spark ships the task's
 * exception to the driver (Java serialization) as the cause of the job-abort exception; the
 * driver finds it with {@link #in(Throwable)} and reads {@link #films()}, never the message.
 */
public final class FilmTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 2L;

    private final TreeSet<Integer> films;
    private final String work;

    /**
     * @param films the film indices of the work, at least one
     * @param work what failed, e.g. {@code "sync round 7"} or {@code "batch 3 (windows 0..3)"}
     * @param cause why
     */
    public FilmTaskFailure(Set<Integer> films, String work, Throwable cause) {
        super(work + " failed for film" + (films.size() == 1 ? " " : "s ") + new TreeSet<>(films) + ": " + cause, cause);
        if (films.isEmpty()) {
            throw new IllegalArgumentException("a film task failure needs the films of the failed work");
        }
        this.films = new TreeSet<>(films);
        this.work = work;
    }

    /** The film indices of the failed work, in order. */
    public Set<Integer> films() {
        return Collections.unmodifiableSet(films);
    }

    /** What failed, e.g. {@code "sync round 7"}. */
    public String work() {
        return work;
    }

    /** What failed and why, for a film's error line: {@code "sync round 7: java.lang.IllegalStateException: boom"}. */
    public String reason() {
        return work + ": " + getCause();
    }

    /** The first film task failure in {@code failure}'s cause chain (itself included), if any. */
    public static Optional<FilmTaskFailure> in(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof FilmTaskFailure film) {
                return Optional.of(film);
            }
        }
        return Optional.empty();
    }
}
