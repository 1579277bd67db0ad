package org.reelfarm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reelfarm.capacity.CapacityPlanner;
import org.reelfarm.capacity.CapacityPlot;
import org.reelfarm.capacity.CapacityReport;
import org.reelfarm.capacity.Deadline;
import org.reelfarm.capacity.ModelProfile;
import org.reelfarm.capacity.Overheads;
import org.reelfarm.capacity.Profiles;
import org.reelfarm.capacity.Simulation;
import org.reelfarm.capacity.StreamingSimulator;
import org.reelfarm.capacity.Workload;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.model.RuntimeSettings;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.plan.ShotSpan;
import org.reelfarm.render.SparkSessions;
import org.reelfarm.render.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reelfarm capacity (--workload INPUT... | --hours H) --profile ID (--gpus N | --deadline D)}:
 * the wall time on N GPUs, or the GPUs a deadline needs, from a simulation of Reelfarm's schedule
 * fed by a model's published cost. Renders nothing.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Plan GPUs, wall time and cost of a render with a real video model's published costs.")
final class CapacityCommand implements Callable<Integer> {
    @Option(names = "--workload", paramLabel = "INPUT", arity = "1..*",
            description = "Scripts to plan with the real planner (shots and their durations): files, directories"
                    + " of scripts (libraries), @list.txt files, local or s3a://.")
    List<String> workload;

    @Option(names = "--hours", paramLabel = "H", description = "Hours of film instead of scripts.")
    Double hours;

    @Option(names = "--shot-seconds", paramLabel = "S", defaultValue = "6",
            description = "Typical shot length with --hours, in seconds (default: ${DEFAULT-VALUE}).")
    double shotSeconds;

    @Option(names = "--profile", paramLabel = "ID|FILE|measured:DIR", required = true,
            description = "A model profile: an id in conf/profiles, a profile .json file, or measured:DIR.")
    String profile;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs available: prints the wall time.")
    Integer gpus;

    @Option(names = "--deadline", paramLabel = "24h|90m|3600s", description = "Wall time allowed: prints the GPUs needed.")
    String deadline;

    @Option(names = "--price-per-gpu-hour", paramLabel = "P", description = "Price of one GPU-hour, for the cost.")
    Double price;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw wall time and cost against GPU count.")
    Path plot;

    @Option(names = "--window", paramLabel = "W", description = "Window in the model's latent frames (default: the profile's).")
    Integer window;

    @Option(names = "--overlap", paramLabel = "O", description = "Overlap in latent frames (default: the profile's).")
    Integer overlap;

    @Option(names = "--strategy", paramLabel = "codenoise|independent", defaultValue = "codenoise",
            description = "Sync rounds of codenoise, or one stage of independent batches (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--sync-every", paramLabel = "K", defaultValue = "1", description = "Ticks per sync round (default: ${DEFAULT-VALUE}).")
    int syncEvery;

    @Option(names = "--stagger", paramLabel = "S", defaultValue = "1", description = "Ticks between neighbouring windows (default: ${DEFAULT-VALUE}).")
    int stagger;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "4", description = "Windows per model call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Windows in flight, as the render's --max-in-flight: films are admitted in groups up to it"
                    + " (default: 128 per GPU replica, as a render derives it from its task slots).")
    Integer maxInFlight;

    @Option(names = "--failure-rate", paramLabel = "F", defaultValue = "0.001",
            description = "Assumed share of tasks that fail once (default: ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(names = "--executor-loss-per-hour", paramLabel = "L", defaultValue = "0.001",
            description = "Assumed chance per executor-hour of losing an executor (default: ${DEFAULT-VALUE}).")
    double lossPerHour;

    @Option(names = "--straggler-rate", paramLabel = "S", defaultValue = "0.01",
            description = "Assumed share of tasks that take 1.25 times as long (default: ${DEFAULT-VALUE}).")
    double stragglerRate;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master for reading --workload scripts (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--model", paramLabel = "DIR", description = "Model whose vocabulary and frame rate plan --workload (default: the reference model).")
    Path model;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        check();
        ModelProfile p = Profiles.ofHome().resolve(profile);
        Overheads overheads = Overheads.DEFAULTS;
        if (profile.startsWith("measured:")) {
            overheads = overheads.withMeasured(Path.of(profile.substring("measured:".length())));
        }
        overheads = overheads.withSchedule(syncEvery, stagger, batch, strategy.equals("codenoise"))
                .withFailures(failureRate, lossPerHour, stragglerRate);
        int w = window != null ? window : p.window();
        int o = overlap != null ? overlap : (p.overlap() < w ? p.overlap() : w / 4);
        Workload work = hours != null ? Workload.hours(hours, shotSeconds) : readWorkload();
        CapacityPlanner planner = new CapacityPlanner(
                new StreamingSimulator(work, p, overheads, w, o, maxInFlight == null ? 0 : maxInFlight), p);
        Double deadlineS = deadline == null ? null : Deadline.parseSeconds(deadline);
        Simulation answer = gpus != null ? planner.onGpus(gpus) : planner.forDeadline(deadlineS);
        CapacityReport report = new CapacityReport(p, answer, price, deadlineS);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(report.toJson(mapper)));
        } else {
            report.printTable(out);
        }
        if (plot != null) {
            int most = planner.fastest().gpus();
            int upTo = Math.max(answer.gpus(), Math.min(most, Math.max(8, answer.gpus() * 4)));
            CapacityPlot.write(plot, p.id() + ": wall and " + (price == null ? "GPU-hours" : "cost") + " by GPUs",
                    planner.sweep(upTo, 24), price, deadlineS, answer);
            if (!json) {
                out.println("plot: " + plot);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void check() {
        if ((workload == null) == (hours == null)) {
            throw new UsageException("give the workload as either --workload INPUT... or --hours H, not "
                    + (hours == null ? "neither" : "both"));
        }
        if ((gpus == null) == (deadline == null)) {
            throw new UsageException("give either --gpus N (for the wall time) or --deadline 24h|90m|3600s (for the"
                    + " GPUs needed), not " + (gpus == null ? "neither" : "both"));
        }
        if (gpus != null && gpus < 1) {
            throw new UsageException("--gpus must be at least 1, got " + gpus + "; give the number of GPUs you have");
        }
        if (maxInFlight != null && maxInFlight < 1) {
            throw new UsageException("--max-in-flight must be at least 1 window, got " + maxInFlight
                    + "; leave it out for the budget a render derives");
        }
        if (hours != null && !(hours > 0)) {
            throw new UsageException("--hours must be more than 0, got " + hours + "; give the hours of film to render");
        }
        if (!(failureRate >= 0 && failureRate < 1) || !(lossPerHour >= 0) || !(stragglerRate >= 0 && stragglerRate <= 1)) {
            throw new UsageException("--failure-rate and --straggler-rate must be shares from 0 to 1 (failures below 1),"
                    + " --executor-loss-per-hour 0 or more");
        }
        if (price != null && !(price >= 0)) {
            throw new UsageException("--price-per-gpu-hour must be 0 or more, got " + price);
        }
        if (!strategy.equals("codenoise") && !strategy.equals("independent")) {
            throw new UsageException("--strategy must be codenoise or independent, got " + strategy);
        }
        if (plot != null && !plot.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--plot " + plot + " must name a .png file");
        }
    }

    /** The scripts' films, planned by the real planner with the given model; shot durations as it rounds them. */
    private Workload readWorkload() {
        ModelOption option = new ModelOption();
        option.model = model == null ? null : model.toString();
        SparkSessions.Lazy spark = new SparkSessions.Lazy(master, 0, Map.of());
        try {
            Model loaded = ModelCache.get(option.resolve(System.err), RuntimeSettings.cpu(),
                    () -> spark.get().sparkContext().hadoopConfiguration());
            ModelSpec modelSpec = loaded.spec();
            List<Workload.Film> films = new ArrayList<>();
            Inputs inputs = Inputs.expand(workload, () -> spark.get().sparkContext().hadoopConfiguration());
            for (Script script : new ScriptReader(spark::get, loaded.vocabulary()).read(inputs)) {
                FilmPlan plan = FilmPlanner.plan(script, modelSpec, PlanSettings.defaults(modelSpec));
                List<Double> shots = new ArrayList<>();
                for (ShotSpan span : plan.shots()) {
                    shots.add(span.length() / modelSpec.latentFps());
                }
                films.add(new Workload.Film(script.name(), shots));
            }
            return new Workload(films);
        } finally {
            spark.stop();
        }
    }
}
