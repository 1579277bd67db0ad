package org.reelfarm.ingest;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.Normalizer;
import com.johnsnowlabs.nlp.annotators.Tokenizer;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.SentenceDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Sentences, tokens and normalized words from a rule-based Spark NLP pipeline (DocumentAssembler
 * → SentenceDetector → Tokenizer → Normalizer; nothing pretrained, nothing downloaded), run as one
 * Spark job over all blocks of all input files.
 *
 * <p>The Normalizer lower-cases tokens and removes what cannot be part of a word, but keeps the
 * marks that join words ({@code left-to-right}, {@code don't}, {@code m/s}, {@code 3.5}): its
 * default pattern ({@code [^\pL+]}) would glue them into {@code lefttoright} and {@code dont},
 * which no vocabulary has. {@link Words} then splits the compounds into vocabulary words.
 *
 * <p>Blocks are parallelized as an RDD rather than a local DataFrame: over a local relation the
 * optimizer evaluates the annotators on the driver ({@code ConvertToLocalRelation}), one block
 * after another, and a repartition would cost a second job under adaptive execution.
 */
final class SparkNlpAnalyzer implements TextAnalyzer {

    /**
     * Paragraphs of a prompt are separated by a blank line ({@link MarkdownLesson}); a paragraph
     * or list item without end punctuation is still a sentence of its own.
     */
    private static final String PARAGRAPH_BREAK = "\n\n";

    private static final StructType SCHEMA = new StructType()
            .add("block", DataTypes.IntegerType, false)
            .add("file", DataTypes.StringType, false)
            .add("shot", DataTypes.IntegerType, false)
            .add("line", DataTypes.IntegerType, false)
            .add("text", DataTypes.StringType, false);

    /**
     * Spark NLP broadcasts annotator rules through {@code spark.serializer}; with Kryo and
     * {@code spark.kryo.registrationRequired} that fails on its unregistered classes. Unless the
     * session says otherwise, the rules travel in the task closure instead (they are small). Spark
     * NLP reads its settings once per JVM, at its first annotator.
     */
    static final String USE_BROADCAST_FOR_FEATURES = "spark.jsl.settings.useBroadcastForFeatures";

    /**
     * Applied in order to each token. 1: drop every character that is not a letter, digit,
     * apostrophe, hyphen, slash or number punctuation; 2: drop {@code . , :} unless between
     * digits ({@code 3.5}, {@code 10:30} stay whole); 3: drop joining marks at either end
     * ({@code 'quoted'} → {@code quoted}, a lone {@code -} → nothing, and the token is dropped).
     */
    static final String[] CLEANUP_PATTERNS = {
        "[^\\p{L}\\p{N}'\u2018\u2019/.,:-]",
        "(?<!\\p{N})[.,:]|[.,:](?!\\p{N})",
        "^[-/'\u2018\u2019]+|[-/'\u2018\u2019]+$"
    };

    private final SparkSession spark;

    SparkNlpAnalyzer(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    @Override
    public List<TextAnalysis> analyze(List<TextBlock> blocks) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        if (!spark.conf().contains(USE_BROADCAST_FOR_FEATURES)) {
            spark.conf().set(USE_BROADCAST_FOR_FEATURES, "false");
        }
        // Shipped as String[] (registered with Kryo by Spark) and made rows in the tasks.
        List<String[]> fields = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            TextBlock b = blocks.get(i);
            fields.add(new String[] {Integer.toString(i), b.file(), Integer.toString(b.shotIndex()),
                Integer.toString(b.line()), b.text()});
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.min(blocks.size(), Math.max(1, 2 * jsc.defaultParallelism()));
        JavaRDD<Row> rows = jsc.parallelize(fields, slices).map(SparkNlpAnalyzer::row);
        Dataset<Row> input = spark.createDataFrame(rows, SCHEMA);

        String previous = jsc.getLocalProperty("spark.job.description");
        jsc.setJobDescription("reelfarm ingest: sentences and tokens of " + blocks.size() + " shots");
        List<Row> out;
        try {
            out = pipeline().fit(input).transform(input)
                    .selectExpr("block", "sentence.result AS sentences", "token.result AS tokens",
                            "normalized.result AS words")
                    .collectAsList();
        } finally {
            jsc.setLocalProperty("spark.job.description", previous);
        }

        TextAnalysis[] analyses = new TextAnalysis[blocks.size()];
        for (Row row : out) {
            int block = row.getInt(0);
            analyses[block] = new TextAnalysis(row.getList(1), row.getList(2), row.getList(3));
        }
        if (Arrays.asList(analyses).contains(null)) {
            throw new IllegalStateException("Spark NLP returned " + out.size() + " rows for " + blocks.size() + " blocks");
        }
        return Arrays.asList(analyses);
    }

    private static Row row(String[] f) {
        return RowFactory.create(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4]);
    }

    private static Pipeline pipeline() {
        DocumentAssembler document = new DocumentAssembler();
        document.setInputCol("text");
        document.setOutputCol("document");
        SentenceDetector sentences = new SentenceDetector();
        sentences.setInputCols(new String[] {"document"});
        sentences.setOutputCol("sentence");
        sentences.setCustomBounds(new String[] {PARAGRAPH_BREAK});
        Tokenizer tokens = new Tokenizer();
        tokens.setInputCols(new String[] {"sentence"});
        tokens.setOutputCol("token");
        Normalizer words = new Normalizer();
        words.setInputCols(new String[] {"token"});
        words.setOutputCol("normalized");
        words.setLowercase(true);
        words.setCleanupPatterns(CLEANUP_PATTERNS);
        return new Pipeline().setStages(new PipelineStage[] {document, sentences, tokens, words});
    }
}
