package org.reelfarm.plan;

import org.reelfarm.errors.UserException;

/** A film that cannot be planned, e.g. one too long to plan. The message says what to change. */
public final class PlanException extends UserException {
    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
