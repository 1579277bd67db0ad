package org.reelfarm.plan;

import org.reelfarm.errors.UserException;

/**
 * Planner settings that cannot give a valid film plan (window, overlap, batch size), or a film
 * too long to plan. The message names the setting, its value, and a value that works.
 */
public final class PlanException extends UserException {
    private static final long serialVersionUID = 1L;

    public PlanException(String message) {
        super(message);
    }
}
