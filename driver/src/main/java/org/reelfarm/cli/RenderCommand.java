package org.reelfarm.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.ingest.Variants;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.render.GpuRequest;
import org.reelfarm.render.Profile;
import org.reelfarm.render.RenderOptions;
import org.reelfarm.render.Renderer;
import org.reelfarm.render.Setting;
import org.reelfarm.render.Strategy;
import org.reelfarm.render.UsageException;
import org.reelfarm.sampler.SamplerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reelfarm render INPUT... --out DIR}. Option descriptions and defaults come from the
 * {@link Setting} table.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = SettingHelp.NAME,
        defaultValueProvider = SettingDefaults.class,
        description = {"Render each input script into a film: DIR/NAME/film.mp4, shots/, manifest.json,"
                + " timeline.otio and report.html.",
                "Inputs: Fountain screenplays (.fountain, .spmd), Markdown lessons (.md, one shot per ## section),"
                        + " CSV shot lists (.csv: shot_id,prompt,duration_s[,seed]) and JSON shot lists (.json);"
                        + " a directory stands for every script in it, @list.txt for the paths listed in it."})
final class RenderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Script files, directories of scripts, or @list.txt files naming scripts.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    String out;

    @Option(names = "--profile", paramLabel = "draft|preview|final")
    String profile;

    @Option(names = "--seed")
    long seed;

    @Option(names = "--strategy", paramLabel = "independent|shared-noise|codenoise")
    String strategy;

    @Mixin
    CommonOptions common;

    @Option(names = "--blend", paramLabel = "flat|linear|cosine|pyramid|gaussian")
    String blend;

    @Option(names = "--sync-every", paramLabel = "K")
    int syncEvery;

    @Option(names = "--stagger", paramLabel = "S")
    int stagger;

    @Option(names = "--sampler", paramLabel = "ddim|euler-ancestral")
    String sampler;

    @Option(names = "--png")
    boolean png;

    @Option(names = "--resume")
    boolean resume;

    @Option(names = "--force")
    boolean force;

    @Option(names = "--strict-vocab")
    boolean strictVocab;

    @Option(names = "--segment-seconds", paramLabel = "S")
    double segmentSeconds;

    @Option(names = "--max-retries", paramLabel = "N")
    int maxRetries;

    @Option(names = "--max-in-flight", paramLabel = "N")
    int maxInFlight;

    @Option(names = "--tf-threads", paramLabel = "N")
    int tfThreads;

    @Option(names = "--gpus", paramLabel = "IDS|N")
    String gpus;

    @Option(names = "--vars", paramLabel = "CSV")
    String vars;

    @Option(names = "--conf", paramLabel = "KEY=VALUE")
    Map<String, String> conf = new LinkedHashMap<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    ReelfarmCommand root;

    @Override
    public Integer call() {
        PrintStream console = root == null ? System.err : root.console(System.err);
        List<String> scripts = inputs;
        if (vars != null) {
            if (inputs.size() != 1) {
                throw new UsageException("--vars fills one template; give exactly one INPUT, got " + inputs.size());
            }
            Path scratch = Path.of(System.getProperty("java.io.tmpdir"),
                    "reelfarm-variants-" + ProcessHandle.current().pid());
            scratch.toFile().deleteOnExit();
            List<Path> variants = Variants.expand(inputs.get(0), vars, scratch, this::hadoopConfiguration);
            variants.forEach(v -> v.toFile().deleteOnExit());
            scripts = variants.stream().map(Path::toString).toList();
        }
        RenderOptions options;
        try {
            GpuRequest gpuRequest = GpuRequest.parse(common.master, gpus);
            Map<String, String> sparkConf = new LinkedHashMap<>(gpuRequest.sparkConf(common.master));
            sparkConf.putAll(conf);
            RuntimeSettings runtime = new RuntimeSettings(Setting.TF_THREADS.check(tfThreads), 0,
                    gpuRequest.localDevices());
            options = new RenderOptions(scripts, out,
                    Setting.PROFILE.choice(profile, Setting.byName(Profile.values(), Profile::cliName)), seed,
                    strategy == null ? null
                            : Setting.STRATEGY.choice(strategy, Setting.byName(Strategy.values(), Strategy::cliName)),
                    syncEvery, stagger, common.window, common.overlap, Setting.BLEND.choice(blend, BlendProfile::parse),
                    common.steps, Setting.SAMPLER.choice(sampler, SamplerKind::parse), common.batch, segmentSeconds,
                    common.master, common.model.resolve(console), png, strictVocab, force, resume, maxRetries, maxInFlight, runtime,
                    sparkConf);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Renderer(options, console).render().anyFailed() ? ExitCodes.USER : ExitCodes.OK;
    }

    /**
     * The Hadoop configuration the render's Spark session will have ({@code --conf spark.hadoop.*},
     * the AWS environment variables, core-site.xml), for the template and CSV of {@code --vars},
     * which are read before Spark starts.
     */
    private Configuration hadoopConfiguration() {
        SparkConf sparkConf = new SparkConf();
        conf.forEach(sparkConf::set);
        return SparkHadoopUtil.get().newConfiguration(sparkConf);
    }
}
