package org.reelfarm.model;

import java.util.List;

/**
 * The Reelfarm model contract: the names, dtypes and ranks of the three signatures a SavedModel
 * must expose. See the README, "The model contract".
 *
 * <table>
 * <tr><th>signature</th><th>inputs</th><th>outputs</th></tr>
 * <tr><td>encode_text</td><td>tokens int32 [B,T]</td><td>context float32 [B,T,D]</td></tr>
 * <tr><td>denoise</td><td>latents float32 [B,F,h,w,C], timestep float32 [B], context float32 [B,T,D];
 *     optional cond_latents float32 [B,F,h,w,C], cond_mask float32 [B,F]</td>
 *     <td>prediction float32 [B,F,h,w,C]</td></tr>
 * <tr><td>decode</td><td>latents float32 [B,F,h,w,C]</td>
 *     <td>frames uint8 [B,F*stride,h*s,w*s,3]</td></tr>
 * </table>
 */
public final class ModelContract {
    public static final String TAG = "serve";

    public static final String ENCODE_TEXT = "encode_text";
    public static final String DENOISE = "denoise";
    public static final String DECODE = "decode";

    public static final String TOKENS = "tokens";
    public static final String CONTEXT = "context";
    public static final String LATENTS = "latents";
    public static final String TIMESTEP = "timestep";
    public static final String COND_LATENTS = "cond_latents";
    public static final String COND_MASK = "cond_mask";
    public static final String PREDICTION = "prediction";
    public static final String FRAMES = "frames";

    /** One tensor of a signature: its name, dtype name (as TensorFlow spells it) and rank. */
    public record TensorSpec(String name, String dtype, int rank) {}

    /** One signature with its required inputs, optional inputs and outputs. */
    public record SignatureSpec(String key, List<TensorSpec> inputs, List<TensorSpec> optionalInputs,
            List<TensorSpec> outputs) {}

    public static final List<SignatureSpec> SIGNATURES = List.of(
            new SignatureSpec(ENCODE_TEXT,
                    List.of(new TensorSpec(TOKENS, "DT_INT32", 2)),
                    List.of(),
                    List.of(new TensorSpec(CONTEXT, "DT_FLOAT", 3))),
            new SignatureSpec(DENOISE,
                    List.of(new TensorSpec(LATENTS, "DT_FLOAT", 5), new TensorSpec(TIMESTEP, "DT_FLOAT", 1),
                            new TensorSpec(CONTEXT, "DT_FLOAT", 3)),
                    List.of(new TensorSpec(COND_LATENTS, "DT_FLOAT", 5), new TensorSpec(COND_MASK, "DT_FLOAT", 2)),
                    List.of(new TensorSpec(PREDICTION, "DT_FLOAT", 5))),
            new SignatureSpec(DECODE,
                    List.of(new TensorSpec(LATENTS, "DT_FLOAT", 5)),
                    List.of(),
                    List.of(new TensorSpec(FRAMES, "DT_UINT8", 5))));

    private ModelContract() {}
}
