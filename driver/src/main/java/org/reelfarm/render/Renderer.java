package org.reelfarm.render;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reelfarm.codenoise.CoSchedule;
import org.reelfarm.ingest.InputException;
import org.reelfarm.ingest.Inputs;
import org.reelfarm.ingest.Script;
import org.reelfarm.ingest.ScriptReader;
import org.reelfarm.ingest.Shot;
import org.reelfarm.model.Model;
import org.reelfarm.model.ModelCache;
import org.reelfarm.model.ModelSpec;
import org.reelfarm.output.FilmOutcome;
import org.reelfarm.output.LibraryReport;
import org.reelfarm.output.Manifest;
import org.reelfarm.plan.FilmPlan;
import org.reelfarm.plan.FilmPlanner;
import org.reelfarm.plan.PlanException;
import org.reelfarm.plan.PlanSettings;
import org.reelfarm.storage.FilmStore;
import org.reelfarm.storage.StorageException;

/**
 * A whole render run: read the scripts, plan the films, then admit them into the Spark work in
 * groups up to a budget of windows in flight ({@link Admission}), and stitch and commit each group's
 * films as soon as its job is done, while the next group is denoised. A film directory appears
 * only complete, and a killed run keeps every film it committed.
 *
 * <p>One input is one film: bad input fails the run before anything is written. Several inputs
 * (or a directory, or an {@code @list}) are a library: each bad film is reported and the others
 * go on; films already rendered with the same input, model and settings are skipped; {@code
 * DIR/library.json} lists every film.
 */
public final class Renderer {
    private final RenderOptions options;
    private final PrintStream console;

    public Renderer(RenderOptions options, PrintStream console) {
        this.options = options;
        this.console = TerminalConsole.of(console);
    }

    /** The outcome of every film of the run. */
    public record Result(List<FilmOutcome> films) {
        public boolean anyFailed() {
            return films.stream().anyMatch(f -> f.status() == FilmOutcome.Status.FAILED);
        }
    }

    /** Where the run keeps the work of its films in flight, as the user would write it. */
    private volatile String workArea;

    public Result render() {
        // When the JVM begins to shut down (Ctrl-C, SIGTERM), Spark's own hook stops it under the
        // render, which then fails; the run keeps its work area for --resume. This hook prints the
        // run's one error line at once: the JVM halts once its hooks are done, whatever the main
        // thread is doing, so the line cannot wait for the main thread to unwind (the CLI prints
        // nothing for an InterruptedRender). What else writes to System.err from then on is
        // Spark's thread pools reporting the work they drop as they stop: it goes nowhere.
        workArea = options.out();
        Thread hook = new Thread(() -> {
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            if (console instanceof TerminalConsole terminal) {
                terminal.closeBar(); // the bar's last state above, the error line below it, last
            }
            console.println("error: " + InterruptedRender.message(workArea));
            console.flush();
        }, "reelfarm-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Run().render();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook has run: the JVM is on its way out
            }
        }
    }

    /** Whether the JVM is shutting down: from the signal on, before any hook has run. */
    static boolean jvmStopping() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    /** One run: what every phase shares. Not reused. */
    private final class Run {
        private final long t0 = System.nanoTime();
        private final SparkSessions.Lazy spark = new SparkSessions.Lazy(options.master(), options.maxRetries(),
                options.sparkConf());
        // s3a:// (any Hadoop URI) inputs are read with the session's Hadoop configuration.
        private final Inputs inputs = Inputs.expand(options.inputs(), () -> spark.get().sparkContext().hadoopConfiguration());
        private final boolean library = inputs.size() > 1;
        private final Model model = ModelCache.get(options.modelDir(), options.runtime(),
                () -> spark.get().sparkContext().hadoopConfiguration());
        private final ModelSpec spec = model.spec();
        /** Every setting, resolved once the model's defaults are known; the fields below are parts of it. */
        private final RenderSettings settings = RenderSettings.resolve(options, spec, options.modelDir());
        private final PlanSettings planSettings = settings.planSettings();
        private final Strategy strategy = settings.strategy();
        private final CoSchedule schedule = strategy == Strategy.CODENOISE ? schedule() : null;
        private FilmStore store;
        private LibraryLedger ledger;
        private IngestCache ingest;
        private ScriptReader.Library fresh; // the scripts when read anew

        Result render() {
            try {
                long tIngest = System.nanoTime();
                // The output is checked first: a store that cannot be used fails the run before any work.
                FilmStore.checkOutside(settings.out(), options.inputs());
                store = FilmStore.open(settings.out(), () -> spark.get().sparkContext().hadoopConfiguration());
                workArea = store.work().location();
                ledger = new LibraryLedger(store, library);
                ingest = new IngestCache(store, options.inputs(), model.hash());
                List<Script> scripts = read();
                long tPlan = System.nanoTime();
                RenderPlanner planner = new RenderPlanner(spec, model.vocabulary(), settings.segmentSeconds());
                Map<String, Object> recorded = settings.recorded(planner.segmentLatentFrames());
                List<PlannedFilm> planned = plan(scripts, settings.fingerprinted(planner.segmentLatentFrames()));
                if (planned.isEmpty()) {
                    if (library) {
                        console.println(ledger.count(FilmOutcome.Status.FAILED) > 0
                                ? "nothing to render" : "nothing new to render: every film is up to date");
                    }
                    return finish();
                }
                if (fresh != null) { // kept for a resume once the films are planned: a bad input writes nothing
                    ingest.write(fresh);
                }
                Map<String, Double> timings = new LinkedHashMap<>();
                timings.put("ingest", seconds(tPlan - tIngest));
                timings.put("plan", seconds(System.nanoTime() - tPlan));
                FilmCommitter committer = new FilmCommitter(new FilmCommitter.Context(settings, spec, model.hash(),
                        recorded, t0), store, ledger, console);
                new Lanes(new Lanes.Run(settings, spec, spark, console, store, ledger, library, schedule), planned,
                        new JobAssembler(settings, planner, store, console), committer, timings).run();
                return finish();
            } catch (RuntimeException e) {
                if (jvmStopping()) {
                    throw new InterruptedRender(workArea, e);
                }
                throw e;
            } finally {
                if (ledger != null && !jvmStopping()) {
                    try {
                        ledger.discardWorking();
                        ingest.remove();
                    } catch (StorageException e) { // a store gone away: the run's own outcome stands
                        console.println("warning: the work area was not cleaned up (" + e.getMessage()
                                + "); the next run with --resume takes it up");
                    }
                }
                spark.stop();
            }
        }

        private CoSchedule schedule() {
            CoSchedule s = settings.schedule();
            if (!spec.supportsConditioning()) {
                console.println("warning: model " + spec.name() + " does not support conditioning: codenoise fuses"
                        + " overlapping windows but cannot condition them on their neighbours, which smooths seams"
                        + " but does not stop drift");
            }
            return s;
        }

        /**
         * The scripts; in a library, a script that cannot be read is a failed film and the others go
         * on. With {@code --resume}, those an interrupted run read from the same inputs (no new ingest).
         */
        private List<Script> read() {
            ScriptReader.Library read = settings.resume() ? ingest.read() : null;
            if (read != null) {
                console.printf("%d scripts read by the interrupted run from the same inputs; no new ingest%n",
                        read.scripts().size());
            } else {
                ScriptReader reader = new ScriptReader(spark::get, model.vocabulary());
                read = library ? reader.readLibrary(inputs) : new ScriptReader.Library(reader.read(inputs), List.of());
                fresh = read;
            }
            read.failures().forEach(e -> ledger.add(fail(e.file(), e.file(), e.getMessage())));
            return read.scripts();
        }

        /**
         * Plans each film; skips those up to date (same fingerprint) unless {@code --force}. The
         * films to render, in film-index order.
         */
        private List<PlannedFilm> plan(List<Script> scripts, Map<String, Object> fingerprinted) {
            List<PlannedFilm> planned = new ArrayList<>();
            for (Script script : scripts) {
                try {
                    List<String> filmWarnings = vocabularyWarnings(script);
                    FilmPlan plan = FilmPlanner.plan(script, spec, planSettings);
                    RunFingerprint fingerprint = RunFingerprint.of(script, model.hash(), fingerprinted);
                    if (!settings.force() && upToDate(script, fingerprint)) {
                        console.printf("%s: up to date in %s (same input, model and settings); skipped, --force"
                                + " renders it again%n", script.name(), store.filmLocation(script.name()));
                        ledger.add(new FilmOutcome(script.name(), script.source(), FilmOutcome.Status.SKIPPED,
                                plan.outputFrames() / (double) spec.fps(), plan.outputFrames(), null));
                        continue;
                    }
                    planned.add(new PlannedFilm(script, plan, filmWarnings, fingerprint));
                } catch (InputException | PlanException e) {
                    if (!library) {
                        throw e;
                    }
                    ledger.add(fail(script.name(), script.source(), e.getMessage()));
                }
            }
            return planned;
        }

        private Result finish() {
            ledger.writeIndex();
            if (library) {
                console.printf("library: %d rendered, %d up to date, %d failed; see %s/%s%n",
                        ledger.count(FilmOutcome.Status.RENDERED), ledger.count(FilmOutcome.Status.SKIPPED),
                        ledger.count(FilmOutcome.Status.FAILED), store.location(), LibraryReport.FILE);
            }
            return new Result(ledger.outcomes());
        }

        /** Whether the committed film has a manifest with the same fingerprint. */
        private boolean upToDate(Script script, RunFingerprint fingerprint) {
            String manifest = store.manifest(script.name());
            if (manifest == null) {
                switch (store.unpublished(script.name())) {
                    case NONE -> { }
                    case HALF_PUBLISHED -> {
                        store.cleanUp(script.name());
                        console.printf("%s: removed the objects an interrupted run left in %s without a %s%n",
                                script.name(), store.filmLocation(script.name()), Manifest.FILE);
                    }
                    case FOREIGN -> throw new UsageException(store.filmLocation(script.name()) + " exists but has no "
                            + Manifest.FILE + "; it was not made by Reelfarm: move it away or use --force to replace it");
                }
                return false;
            }
            return fingerprint.sameAs(RunFingerprint.ofManifest(manifest));
        }

    }

    private FilmOutcome fail(String film, String input, String message) {
        return fail(console, film, input, message);
    }

    /** A failed film's outcome, its error line printed. */
    static FilmOutcome fail(PrintStream console, String film, String input, String message) {
        console.println("error: " + message);
        return FilmOutcome.failed(film, input, message);
    }

    private List<String> vocabularyWarnings(Script script) {
        List<String> out = new ArrayList<>();
        for (Shot shot : script.shots()) {
            if (!shot.hasKnownWord()) {
                if (options.strictVocab()) {
                    throw new InputException(script.source(), shot.sourceLine(),
                            "the prompt of shot " + shot.id() + " has no word the model knows",
                            "use words from the model's vocabulary (colours, shapes, motions), or drop --strict-vocab");
                }
                out.add("shot " + shot.id() + " (line " + shot.sourceLine() + "): no known word; rendered unconditioned");
            } else if (!shot.unknownWords().isEmpty()) {
                out.add("shot " + shot.id() + " (line " + shot.sourceLine() + "): words the model does not know: "
                        + String.join(", ", shot.unknownWords()));
            }
        }
        out.forEach(w -> console.println("warning: " + script.name() + ": " + w));
        return out;
    }

    private static double seconds(long nanos) {
        return FilmCommitter.seconds(nanos);
    }
}
