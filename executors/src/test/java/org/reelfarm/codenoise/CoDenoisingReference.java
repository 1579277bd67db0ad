package org.reelfarm.codenoise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.model.Model;
import org.reelfarm.sampler.Sampler;

/**
 * Co-denoising of all windows in one JVM, round by round, through the same {@link CoDenoising}
 * functions the Spark job calls: the reference a distributed run must match bit for bit. Test
 * code only; shared with other modules' tests through the executors test-jar.
 *
 * <pre>{@code
 * Map<Integer, float[]> latents = CoDenoisingReference.runAll(CoDenoising.chain(shot, 0), model, sampler, settings);
 * }</pre>
 */
public final class CoDenoisingReference {

    private CoDenoisingReference() {}

    /**
     * Runs every round for {@code windows}, handing each window's outgoing overlap to its right
     * neighbour between rounds as the shuffle does. Returns the clean latents by window key.
     *
     * @throws IllegalStateException when a window did not take all the schedule's steps
     */
    public static Map<Integer, float[]> runAll(List<CoWindow> windows, Model model, Sampler sampler,
            CoDenoising.Settings settings) {
        List<CoState> states = CoDenoising.start(windows, model, sampler);
        int rounds = CoDenoising.rounds(windows, settings.schedule());
        for (int r = 0; r < rounds; r++) {
            Map<Integer, Overlap> inbox = new LinkedHashMap<>();
            for (CoState s : states) {
                if (s.outgoing() != null) {
                    inbox.put(s.window().rightKey(), s.outgoing());
                }
            }
            states = CoDenoising.advance(states, inbox, r, model, sampler, settings).states();
        }
        Map<Integer, float[]> out = new LinkedHashMap<>();
        for (CoState s : states) {
            if (s.stepsDone() != settings.schedule().steps()) {
                throw new IllegalStateException("window " + s.key() + " took " + s.stepsDone() + " steps");
            }
            out.put(s.key(), s.x());
        }
        return out;
    }
}
