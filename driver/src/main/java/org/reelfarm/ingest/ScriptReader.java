package org.reelfarm.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.model.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads scripts (Fountain screenplays, Markdown lessons, CSV and JSON shot lists) into films of shots.
 *
 * <p>Every file is checked and parsed on the driver first, so the first bad file fails the
 * whole read with an {@link InputException} before any Spark work starts. Then the prompts of
 * all files go through one Spark NLP job (sentences, tokens); shots get their words, the words
 * the model does not know, and, where the input gives none, a duration estimated at 2.5 words
 * per second (at least 2 s).
 *
 * <pre>{@code
 * List<Script> films = new ScriptReader(spark, vocab).read(List.of(Path.of("lessons/intro.md")));
 * }</pre>
 *
 * <p>Thread-safe: reads from several threads run as separate Spark jobs of the one session.
 */
public final class ScriptReader {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptReader.class);

    private final TextAnalyzer analyzer;
    private final Vocabulary vocab;

    public ScriptReader(SparkSession spark, Vocabulary vocab) {
        this(() -> spark, vocab);
    }

    /**
     * A reader that asks for the Spark session only once every file has been checked, so a bad
     * input fails in a moment, before Spark starts.
     */
    public ScriptReader(Supplier<SparkSession> spark, Vocabulary vocab) {
        this(blocks -> new SparkNlpAnalyzer(spark.get()).analyze(blocks), vocab);
    }

    /** Test seam: any analyzer in place of Spark NLP. */
    ScriptReader(TextAnalyzer analyzer, Vocabulary vocab) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.vocab = Objects.requireNonNull(vocab, "vocab");
    }

    /**
     * The films of {@code inputs}, in order.
     *
     * @throws InputException for the first input that is missing, unsupported, not UTF-8, empty
     *     or malformed, or whose film name another input already has
     */
    public List<Script> read(List<Path> inputs) {
        return read(Inputs.of(inputs));
    }

    /** {@link #read(List)} for expanded command-line inputs, local or on a Hadoop file system. */
    public List<Script> read(Inputs inputs) {
        return read(inputs.files(), false).scripts();
    }

    /**
     * The films of a library: every readable input becomes a film; each bad one is reported in
     * {@link Library#failures()} instead of stopping the others.
     */
    public Library readLibrary(Inputs inputs) {
        return read(inputs.files(), true);
    }

    /** The outcome of reading a library: the films, and the inputs that could not be read. */
    public record Library(List<Script> scripts, List<InputException> failures) {
        public Library {
            scripts = List.copyOf(scripts);
            failures = List.copyOf(failures);
        }
    }

    private Library read(List<Inputs.Input> inputs, boolean keepGoing) {
        List<Parsed> parsed = new ArrayList<>(inputs.size());
        List<InputException> failures = new ArrayList<>();
        Map<String, String> films = new HashMap<>();
        for (Inputs.Input input : inputs) {
            try {
                Parsed p = parse(input);
                String other = films.putIfAbsent(p.source().name(), p.source().display());
                if (other != null) {
                    throw new InputException(p.source().display(), 0, "gives the film name \"" + p.source().name()
                            + "\", like " + other, "rename one of them: each film has its own output directory");
                }
                parsed.add(p);
            } catch (InputException e) {
                if (!keepGoing) {
                    throw e;
                }
                failures.add(e);
            }
        }
        if (parsed.isEmpty()) {
            return new Library(List.of(), failures);
        }

        List<TextAnalyzer.TextBlock> blocks = new ArrayList<>();
        for (Parsed p : parsed) {
            for (int i = 0; i < p.drafts().size(); i++) {
                ShotDraft d = p.drafts().get(i);
                blocks.add(new TextAnalyzer.TextBlock(p.source().display(), i, d.line(), d.prompt()));
            }
        }
        List<TextAnalyzer.TextAnalysis> analyses = analyzer.analyze(blocks);

        List<Script> scripts = new ArrayList<>(parsed.size());
        int next = 0;
        for (Parsed p : parsed) {
            int first = next;
            next += p.drafts().size();
            List<Shot> shots = new ArrayList<>(p.drafts().size());
            try {
                for (int i = 0; i < p.drafts().size(); i++) {
                    shots.add(shot(p.source(), i, p.drafts().get(i), analyses.get(first + i)));
                }
            } catch (InputException e) {
                if (!keepGoing) {
                    throw e;
                }
                failures.add(e);
                continue;
            }
            SourceFile s = p.source();
            scripts.add(new Script(s.name(), s.display(), s.sha256(), shots));
            LOG.info("read film {} from {}: {} shots", s.name(), s.display(), shots.size());
        }
        return new Library(scripts, failures);
    }

    /** A checked file and its shots before tokenization. */
    record Parsed(SourceFile source, List<ShotDraft> drafts) {}

    /** Reads, checks and parses one file, without Spark. */
    static Parsed parse(Path input) {
        return parse(new Inputs.Local(input));
    }

    private static Parsed parse(Inputs.Input input) {
        SourceFile source = input.load();
        return new Parsed(source, source.format().parse(source));
    }

    private Shot shot(SourceFile source, int index, ShotDraft draft, TextAnalyzer.TextAnalysis analysis) {
        List<String> words = Words.normalize(analysis.words());
        List<String> unknown = Words.unknown(words, vocab);
        boolean estimated = draft.durationSeconds() == null;
        double seconds = estimated ? Durations.estimate(words.size()) + draft.extraSeconds() : draft.durationSeconds();
        if (!Durations.allowed(seconds)) {
            throw new InputException(source.display(), draft.line(), "shot \"" + draft.id() + "\" has " + words.size()
                    + " words, more than 24 h of narration at " + Durations.WORDS_PER_SECOND + " words/s",
                    "split it into several shots");
        }
        Shot shot = new Shot(draft.id(), index, draft.prompt(), seconds, estimated, draft.seed(), draft.line(),
                words, unknown, draft.scene(), draft.transition());
        if (!unknown.isEmpty()) {
            LOG.info("{}:{}: shot {} has words the model does not know: {}", source.display(), draft.line(),
                    draft.id(), String.join(", ", unknown));
        }
        if (!shot.hasKnownWord()) {
            LOG.info("{}:{}: shot {} has no word the model knows; it renders from the model's unconditioned prior",
                    source.display(), draft.line(), draft.id());
        }
        return shot;
    }
}
