package org.reelfarm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reelfarm.capacity.ModelProfile;
import org.reelfarm.capacity.Profiles;
import org.reelfarm.export.CostModel;
import org.reelfarm.render.UsageException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reelfarm model export-cost DIR (--step-ms MS | --profile ID)}: a cost model, which renders
 * the reference model's frames while each window-step costs the target time on this machine.
 */
@Command(name = "export-cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build a cost model in DIR: it renders the reference model's frames, and its denoise also runs a"
                + " space-time transformer whose depth is calibrated here so that one window-step costs the target.",
                "For benchmarks and capacity calibration at realistic task lengths; not a video model."})
final class ExportCostCommand implements Callable<Integer> {
    /** Above this a CPU render of even a short film takes hours: profile targets are scaled down below it. */
    static final double MAX_CPU_STEP_MS = 500;

    @Parameters(paramLabel = "DIR", description = "Directory to create (must not exist or be empty).")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--step-ms", paramLabel = "MS", description = "Milliseconds per window-step (one window, one"
                + " sampler step) on this machine.")
        Double stepMs;

        @Option(names = "--profile", paramLabel = "ID|FILE", description = "A capacity profile: its seconds per"
                + " window-step, divided by a power of ten until at most " + (int) MAX_CPU_STEP_MS + " ms.")
        String profile;
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        double ms;
        String source;
        PrintWriter out = spec.commandLine().getOut();
        if (target.stepMs != null) {
            ms = target.stepMs;
            if (!(ms > 0) || ms > 60_000) {
                throw new UsageException("--step-ms must be more than 0 and at most 60000, got " + ms);
            }
            source = String.format(Locale.ROOT, "--step-ms %s", ms);
        } else {
            ModelProfile p = Profiles.ofHome().resolve(target.profile);
            Scaled scaled = Scaled.of(p.wallSecondsPerWindowStep(p.window()) * 1000);
            ms = scaled.ms();
            source = String.format(Locale.ROOT, "profile %s: %.1f ms per window-step (%d latent frames, %s)%s",
                    p.id(), scaled.publishedMs(), p.window(), p.gpu(), scaled.divisor() == 1 ? ""
                            : String.format(Locale.ROOT, ", divided by %d for a CPU: %.1f ms (multiply measured walls"
                                    + " of the denoise work by %d)", scaled.divisor(), ms, scaled.divisor()));
            out.println("target: " + source);
        }
        CostModel.Result r;
        try {
            r = CostModel.export(dir, ms, source, System.err);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new org.reelfarm.storage.StorageException(e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "wrote cost model %s to %s: %s%n", CostModel.NAME, dir.toAbsolutePath().normalize(),
                r.note());
        return ExitCodes.OK;
    }

    /** A profile's step time brought under {@link #MAX_CPU_STEP_MS} by a power of ten. */
    record Scaled(double publishedMs, int divisor) {
        static Scaled of(double publishedMs) {
            int divisor = 1;
            while (publishedMs / divisor > MAX_CPU_STEP_MS) {
                divisor *= 10;
            }
            return new Scaled(publishedMs, divisor);
        }

        double ms() {
            return publishedMs / divisor;
        }
    }
}
