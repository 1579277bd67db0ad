package org.reelfarm.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.kryo.ReelfarmKryoRegistrator;
import org.reelfarm.model.ModelCache;

/** Builds the one Spark session of a Reelfarm run, with the settings every run needs. */
public final class SparkSessions {
    static final String REDACTION_REGEX = "spark.redaction.regex";
    /** conf/jvm-opens.args, copied into the driver's classes by the build. */
    private static final String JVM_FLAGS_RESOURCE = "jvm-opens.args";

    private SparkSessions() {}

    public static SparkSession start(String master, int maxRetries, Map<String, String> extra) {
        SparkSession spark = SparkSession.builder().config(conf(master, maxRetries, extra)).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The settings of a session; {@code extra} (--conf) wins over Reelfarm's. */
    static SparkConf conf(String master, int maxRetries, Map<String, String> extra) {
        SparkConf conf = new SparkConf()
                .setMaster(withLocalRetries(master, maxRetries))
                .setAppName("reelfarm")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", ReelfarmKryoRegistrator.class.getName())
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                // Spark's status store keeps every finished job, stage and task of the session
                // (1,000 jobs and stages by default, each stage with its call site's text): a
                // library of thousands of films needs only the recent ones.
                .set("spark.ui.retainedJobs", "100")
                .set("spark.ui.retainedStages", "200")
                .set("spark.ui.retainedTasks", "20000")
                .set("spark.task.maxFailures", String.valueOf(maxRetries + 1))
                .set("spark.sql.shuffle.partitions", "8");
        if (master.startsWith("local") || onLoopback(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (master.startsWith("spark://")) {
            standaloneExecutorSettings(System.getProperty("java.class.path"),
                    System.getenv().getOrDefault("TF_CPP_MIN_LOG_LEVEL", "2")).forEach(conf::set);
        }
        // Executors started by a cluster manager (standalone, Kubernetes) get what ./reelfarm sets for
        // a local run: TensorFlow without oneDNN's CPU-dependent kernels (frames the same on every CPU).
        conf.set("spark.executorEnv." + ModelCache.ONEDNN, "0");
        org.reelfarm.storage.S3Defaults.sparkSettings().forEach(conf::set); // the user's --conf below wins
        extra.forEach(conf::set);
        // Credentials given by --conf must not reach a log, even with spark.logConf: widen Spark's
        // redaction to every key Reelfarm calls secret, keeping any pattern the user added.
        String userRegex = extra.get(REDACTION_REGEX);
        conf.set(REDACTION_REGEX, userRegex == null ? Secrets.KEY_REGEX : Secrets.KEY_REGEX + "|" + userRegex);
        return conf;
    }

    /**
     * What executors of a standalone cluster need from the driver: a standalone Worker starts
     * them with its Spark home's jars only, so they get the driver's own classpath (the same
     * paths must exist on every worker: one checkout, or a shared disk), the Java 17 flags of
     * conf/jvm-opens.args, and TensorFlow's log level.
     */
    static Map<String, String> standaloneExecutorSettings(String driverClassPath, String tfLogLevel) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.executor.extraClassPath", driverClassPath);
        settings.put("spark.executor.extraJavaOptions", jvmFlags());
        settings.put("spark.executorEnv.TF_CPP_MIN_LOG_LEVEL", tfLogLevel);
        return settings;
    }

    /** The flags of conf/jvm-opens.args, space separated. */
    static String jvmFlags() {
        try (InputStream in = SparkSessions.class.getResourceAsStream(JVM_FLAGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the driver's classes lack " + JVM_FLAGS_RESOURCE
                        + " (copied from conf/ by the build); rebuild with ./mvnw -DskipTests install -pl driver -am");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return String.join(" ", Arrays.stream(text.split("\\s+")).filter(f -> !f.isEmpty()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for spark://HOST:PORT[,HOST:PORT] masters whose every host is this machine's loopback. */
    static boolean onLoopback(String master) {
        if (!master.startsWith("spark://")) {
            return false;
        }
        return Arrays.stream(master.substring("spark://".length()).split(","))
                .map(hostPort -> hostPort.replaceFirst(":[0-9]+$", ""))
                .allMatch(host -> host.equals("127.0.0.1") || host.equals("localhost"));
    }

    /**
     * Local masters ignore {@code spark.task.maxFailures} (a local task is tried once) unless the
     * master says how often: {@code local[N]} becomes {@code local[N,retries + 1]}.
     */
    static String withLocalRetries(String master, int maxRetries) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\*|\\d+)]").matcher(master.strip());
        if (m.matches()) {
            return "local[" + m.group(1) + "," + (maxRetries + 1) + "]";
        }
        return master.strip().equals("local") ? "local[1," + (maxRetries + 1) + "]" : master;
    }

    /**
     * A session started on first use, so commands check their inputs before Spark starts. Not
     * thread-safe: one per command.
     */
    public static final class Lazy {
        private final String master;
        private final int maxRetries;
        private final Map<String, String> extra;
        private SparkSession spark;

        public Lazy(String master, int maxRetries, Map<String, String> extra) {
            this.master = master;
            this.maxRetries = maxRetries;
            this.extra = Map.copyOf(extra);
        }

        public SparkSession get() {
            if (spark == null) {
                spark = start(master, maxRetries, extra);
            }
            return spark;
        }

        /** Stops the session if it was started. */
        public void stop() {
            if (spark != null) {
                spark.stop();
            }
        }
    }
}
