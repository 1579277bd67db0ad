package org.reelfarm.model;

/**
 * The diffusion noise schedule a model was trained with: maps a training timestep
 * t in [0, trainSteps) to the cumulative signal level alpha-bar(t).
 *
 * <p>Both the reference model's graph and the samplers evaluate the same closed forms, so a
 * sampler and the model always agree on alpha and sigma for a timestep.
 */
public record NoiseSchedule(Kind kind, int trainSteps) {

    /** Closed-form schedules; the names are those used in {@code reelfarm.json}. */
    public enum Kind {
        /** Nichol and Dhariwal's cosine schedule, offset s = 0.008. */
        COSINE,
        /** DDPM's linear betas from 1e-4 to 0.02. */
        LINEAR
    }

    /** Offset of the cosine schedule. */
    public static final double COSINE_OFFSET = 0.008;
    /** Floor on alpha-bar so sigma/alpha stays finite at the last timestep. */
    public static final double MIN_ALPHA_BAR = 1e-6;

    public NoiseSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("noise schedule kind is required (cosine or linear)");
        }
        if (trainSteps < 2 || trainSteps > 100_000) {
            throw new IllegalArgumentException(
                    "noise_schedule.train_steps must be in [2, 100000], got " + trainSteps);
        }
    }

    public static NoiseSchedule cosine(int trainSteps) {
        return new NoiseSchedule(Kind.COSINE, trainSteps);
    }

    /** alpha-bar at a (possibly fractional) timestep. */
    public double alphaBar(double t) {
        double value = switch (kind) {
            case COSINE -> {
                double f0 = StrictMath.cos(COSINE_OFFSET / (1 + COSINE_OFFSET) * Math.PI / 2);
                double ft = StrictMath.cos((t / trainSteps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
                yield (ft * ft) / (f0 * f0);
            }
            case LINEAR -> {
                // alpha-bar(t) = prod(1 - beta_i) ~ exp(-sum beta_i) for betas linear from b0 to b1.
                double b0 = 1e-4;
                double b1 = 0.02;
                double slope = (b1 - b0) / (trainSteps - 1);
                double steps = t + 1;
                double betaSum = b0 * steps + slope * steps * (steps - 1) / 2;
                yield StrictMath.exp(-betaSum);
            }
        };
        return Math.max(MIN_ALPHA_BAR, Math.min(1.0, value));
    }

    public double alpha(double t) {
        return Math.sqrt(alphaBar(t));
    }

    public double sigma(double t) {
        return Math.sqrt(1 - alphaBar(t));
    }

    static Kind parseKind(String text) {
        return switch (text) {
            case "cosine" -> Kind.COSINE;
            case "linear" -> Kind.LINEAR;
            default -> throw new IllegalArgumentException(
                    "noise_schedule.type must be \"cosine\" or \"linear\", not \"" + text + "\"");
        };
    }
}
