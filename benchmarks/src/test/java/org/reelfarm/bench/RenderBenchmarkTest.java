package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.reelfarm.export.ReferenceModel;
import org.reelfarm.plan.Batch;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.plan.Window;

class RenderBenchmarkTest {
    private static final int STEPS = 20;
    private final FilmPlan plan = FilmPlanner.plan("preview-1min", PreviewFilm.of("preview-1min", 10).shots(),
            ReferenceModel.spec(), PlanSettings.defaults(ReferenceModel.spec()));

    @Test
    void acceptsARenderOfTheSameWindowsBatchesAndCalls() {
        RenderProcess.Run run = run(manifest(plan, 300, STEPS));

        assertDoesNotThrow(() -> RenderBenchmark.checkSameWork(run, plan, 300, STEPS));
    }

    @Test
    void failsLoudlyWhenTheModelCallsDiffer() {
        RenderProcess.Run run = run(manifest(plan, 320, STEPS));

        BenchmarkFailure e = assertThrows(BenchmarkFailure.class, () -> RenderBenchmark.checkSameWork(run, plan, 300, STEPS));
        assertTrue(e.getMessage().startsWith("MODEL CALLS DIFFER: local1 ("), e.getMessage());
        assertTrue(e.getMessage().contains("made 320 model calls, the raw loop / plan 300"), e.getMessage());
    }

    @Test
    void failsWhenTheBatchesDifferEvenWithTheSameNumberOfCalls() {
        ObjectNode manifest = manifest(plan, 300, STEPS);
        ArrayNode first = (ArrayNode) manifest.get("batches").get(0);
        int swapped = first.get(0).asInt();
        first.set(0, first.get(1));
        first.set(1, swapped);

        BenchmarkFailure e = assertThrows(BenchmarkFailure.class,
                () -> RenderBenchmark.checkSameWork(run(manifest), plan, 300, STEPS));
        assertTrue(e.getMessage().startsWith("PLANS DIFFER: local1"), e.getMessage());
    }

    @Test
    void failsWhenTheRenderSampledOtherSteps() {
        BenchmarkFailure e = assertThrows(BenchmarkFailure.class,
                () -> RenderBenchmark.checkSameWork(run(manifest(plan, 300, 8)), plan, 300, STEPS));
        assertTrue(e.getMessage().startsWith("STEPS DIFFER: local1"), e.getMessage());
    }

    /** The parts of manifest.json that describe the work done. */
    private static ObjectNode manifest(FilmPlan plan, long modelCalls, int steps) {
        ObjectNode root = Results.object();
        root.putObject("settings").put("steps", steps);
        ArrayNode windows = root.putArray("windows");
        for (Window w : plan.windows()) {
            windows.addArray().add(w.index()).add(w.shotIndex()).add(w.start()).add(w.length());
        }
        ArrayNode batches = root.putArray("batches");
        for (Batch b : plan.batches()) {
            ArrayNode row = batches.addArray();
            b.windowIndices().forEach(row::add);
        }
        root.put("model_calls", modelCalls);
        return root;
    }

    private static RenderProcess.Run run(ObjectNode manifest) {
        return new RenderProcess.Run("local1", "preview-1min", "local[1]", "4g", 30.0, Path.of("/tmp/runs/local1"),
                manifest, new GcLog(0, 0, 0, 0), Optional.empty());
    }
}
