package org.reelfarm.sampler;

/** The sampling algorithms Reelfarm runs over a model's noise schedule. */
public enum SamplerKind {
    /** DDIM with eta = 0: deterministic given the initial noise. */
    DDIM,
    /** Euler ancestral (k-diffusion): fresh noise at every step, drawn from the noise field. */
    EULER_ANCESTRAL;

    public static SamplerKind parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "ddim" -> DDIM;
            case "euler_ancestral", "euler_a" -> EULER_ANCESTRAL;
            default -> throw new IllegalArgumentException("unknown sampler \"" + text
                    + "\"; use ddim or euler-ancestral");
        };
    }
}
