package org.reelfarm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.ingest.Variants;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.render.GpuRequest;
import org.reelfarm.render.Profile;
import org.reelfarm.render.RenderSettings;
import org.reelfarm.render.Renderer;
import org.reelfarm.render.Strategy;
import org.reelfarm.render.UsageException;
import org.reelfarm.sampler.SamplerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reelfarm render INPUT... --out DIR}. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render each input script into a film: DIR/NAME/film.mp4, shots/, manifest.json,"
                + " timeline.otio and report.html.",
                "Inputs: Markdown lessons (.md, one shot per ## section) and CSV shot lists"
                        + " (.csv: shot_id,prompt,duration_s[,seed])."})
final class RenderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Script files to render.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (local path or s3a://bucket/prefix).")
    String out;

    @Option(names = "--profile", defaultValue = "preview", paramLabel = "draft|preview|final",
            description = "Quality profile: steps and encoder settings (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--seed", defaultValue = "0", description = "Film seed; a CSV seed column overrides it per shot (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--strategy", paramLabel = "independent|shared-noise|codenoise",
            description = "Long-video strategy (default: codenoise if the model takes conditioning, else shared-noise).")
    String strategy;

    @Option(names = "--window", paramLabel = "W", description = "Window length in latent frames (default: the model's).")
    Integer window;

    @Option(names = "--overlap", paramLabel = "O", description = "Window overlap in latent frames (default: the model's).")
    Integer overlap;

    @Option(names = "--blend", defaultValue = "cosine", paramLabel = "flat|linear|cosine|pyramid|gaussian",
            description = "Blend profile for window overlaps (default: ${DEFAULT-VALUE}).")
    String blend;

    @Option(names = "--sync-every", paramLabel = "K",
            description = "Codenoise: sampling steps between two syncs of neighbouring windows (default 1).")
    Integer syncEvery;

    @Option(names = "--stagger", paramLabel = "S",
            description = "Codenoise: steps between the starts of neighbouring windows (default 1).")
    Integer stagger;

    @Option(names = "--steps", paramLabel = "N", description = "Sampling steps (default: the profile's).")
    Integer steps;

    @Option(names = "--sampler", defaultValue = "ddim", paramLabel = "ddim|euler-ancestral",
            description = "Sampler (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL", description = "Spark master URL (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    ModelOption model;

    @Option(names = "--png", description = "Also write every frame as DIR/NAME/frames/NNNNNN.png.")
    boolean png;

    @Option(names = "--resume", description = "Finish an interrupted render in the same --out: what it had finished"
            + " (denoised batches, encoded segments) is kept.")
    boolean resume;

    @Option(names = "--force", description = "Replace films that already exist in DIR.")
    boolean force;

    @Option(names = "--strict-vocab", description = "Fail on a shot whose prompt has no word the model knows.")
    boolean strictVocab;

    @Option(names = "--batch", defaultValue = "4", paramLabel = "B", description = "Windows per model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--segment-seconds", defaultValue = "5", paramLabel = "S",
            description = "Length of the segments encoded in parallel (default: ${DEFAULT-VALUE}).")
    double segmentSeconds;

    @Option(names = "--max-retries", defaultValue = "3", paramLabel = "N",
            description = "Retries of a failed task before the render fails (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--tf-threads", defaultValue = "1", paramLabel = "N",
            description = "TensorFlow threads per model call; 1 suits one task per core (default: ${DEFAULT-VALUE}).")
    int tfThreads;

    @Option(names = "--gpus", defaultValue = "", paramLabel = "IDS|N",
            description = "Local master: the GPU ids TensorFlow may use (\"0\" or \"0,1\"). Cluster master:"
                    + " GPUs per executor (e.g. 1); Spark gives each task one and the task runs on it.")
    String gpus;

    @Option(names = "--vars", paramLabel = "CSV", description = "Render one film per row of CSV from the template"
            + " INPUT, filling its {{name}} placeholders; the first column names each film.")
    Path vars;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream console = System.err;
        if (syncEvery != null && syncEvery < 1) {
            throw new UsageException("--sync-every must be >= 1, got " + syncEvery);
        }
        if (stagger != null && stagger < 0) {
            throw new UsageException("--stagger must be >= 0, got " + stagger);
        }
        List<String> scripts = inputs;
        if (vars != null) {
            if (inputs.size() != 1) {
                throw new UsageException("--vars fills one template; give exactly one INPUT, got " + inputs.size());
            }
            Path scratch = Path.of(System.getProperty("java.io.tmpdir"),
                    "reelfarm-variants-" + ProcessHandle.current().pid());
            scratch.toFile().deleteOnExit();
            List<Path> variants = Variants.expand(Path.of(inputs.get(0)), vars, scratch);
            variants.forEach(v -> v.toFile().deleteOnExit());
            scripts = variants.stream().map(Path::toString).toList();
        }
        RenderSettings settings;
        try {
            GpuRequest gpuRequest = GpuRequest.parse(master, gpus);
            Map<String, String> sparkConf = new LinkedHashMap<>(gpuRequest.sparkConf());
            sparkConf.putAll(conf);
            settings = new RenderSettings(scripts, out, Options.profile(profile), seed,
                    strategy == null ? null : Options.strategy(strategy), syncEvery, stagger,
                    window, overlap, BlendProfile.parse(blend), steps, SamplerKind.parse(sampler), batch, segmentSeconds,
                    master, model.resolve(console), png, strictVocab, force, resume, maxRetries,
                    new RuntimeSettings(tfThreads, 0, gpuRequest.localDevices()), sparkConf);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Renderer(settings, console).render().anyFailed() ? ExitCodes.USER : ExitCodes.OK;
    }

}
