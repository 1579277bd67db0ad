package org.reelfarm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's work area {@code DIR/NAME}, emptied at the start of every run, with a snapshot of
 * the build its renders run ({@link RenderProcess#snapshot}) in {@code app/}.
 *
 * <pre>{@code
 * BenchWork work = BenchWork.fresh(dir, "seams");
 * Path model = work.referenceModel(log, "seams"); // DIR/seams/model
 * work.farm().render(...);
 * }</pre>
 */
record BenchWork(Path dir, RenderProcess farm) {
    static BenchWork fresh(Path out, String name) throws IOException {
        Path work = out.resolve(name);
        TempDirs.delete(work);
        Files.createDirectories(work);
        return new BenchWork(work, RenderProcess.snapshot(RenderProcess.findHome(), work.resolve("app")));
    }

    /** The reference model, exported into {@code model/} by a child JVM (see {@link ReferenceModelExport}). */
    Path referenceModel(PrintStream log, String bench) throws IOException {
        Path model = dir.resolve("model");
        BenchLog.line(log, bench, "exporting the reference model into %s", model);
        ReferenceModelExport.inChildJvm(model);
        return model;
    }
}
