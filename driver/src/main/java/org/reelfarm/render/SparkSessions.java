package org.reelfarm.render;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.reelfarm.task.ReelfarmKryoRegistrator;

/** Builds the one Spark session of a Reelfarm run, with the settings every run needs. */
public final class SparkSessions {
    static final String REDACTION_REGEX = "spark.redaction.regex";

    private SparkSessions() {}

    public static SparkSession start(String master, int maxRetries, Map<String, String> extra) {
        SparkConf conf = new SparkConf()
                .setMaster(withLocalRetries(master, maxRetries))
                .setAppName("reelfarm")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", ReelfarmKryoRegistrator.class.getName())
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.task.maxFailures", String.valueOf(maxRetries + 1))
                .set("spark.sql.shuffle.partitions", "8");
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        extra.forEach(conf::set);
        // Credentials given by --conf must not reach a log, even with spark.logConf: widen Spark's
        // redaction to every key Reelfarm calls secret, keeping any pattern the user added.
        String userRegex = extra.get(REDACTION_REGEX);
        conf.set(REDACTION_REGEX, userRegex == null ? Secrets.KEY_REGEX : Secrets.KEY_REGEX + "|" + userRegex);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
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
