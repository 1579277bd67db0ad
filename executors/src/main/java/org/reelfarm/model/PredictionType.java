package org.reelfarm.model;

/** What the {@code denoise} signature predicts; declared in {@code reelfarm.json}. */
public enum PredictionType {
    /** The noise that was added: x_t = alpha * x0 + sigma * eps. */
    EPSILON,
    /** The velocity v = alpha * eps - sigma * x0. */
    V;

    /** The clean-latent estimate implied by a prediction. */
    public float toX0(float xt, float prediction, float alpha, float sigma) {
        return switch (this) {
            case EPSILON -> (xt - sigma * prediction) / alpha;
            case V -> alpha * xt - sigma * prediction;
        };
    }

    static PredictionType parse(String text) {
        return switch (text) {
            case "epsilon" -> EPSILON;
            case "v", "v_prediction" -> V;
            default -> throw new IllegalArgumentException(
                    "prediction must be \"epsilon\" or \"v\", not \"" + text + "\"");
        };
    }

    public String jsonName() {
        return this == EPSILON ? "epsilon" : "v";
    }
}
