package org.reelfarm.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.reelfarm.render.ReelfarmProcess;

/**
 * A real S3-compatible server as its own JVM, listening on 127.0.0.1 only, on a free port, with
 * the given buckets: Adobe S3Mock's executable jar (copied to {@code driver/target/s3mock/} by the
 * build), which accepts any credentials, or with {@code checksCredentials} S3Proxy (its jar copied
 * to {@code driver/target/s3proxy/}), which verifies each request's AWS signature against
 * {@link #ACCESS_KEY} and {@link #SECRET_KEY} and answers 403 to any other key. The keys are
 * fake, and distinctive so that tests can check they never reach an output.
 *
 * <p>Tests use it as the JUnit extension {@link S3Server}; the storage benchmark starts one with
 * {@link #started(String...)} and closes it. Stopped on JVM exit too, should the JVM be killed
 * first. Not thread-safe.
 */
public class S3Process implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIAREELFARMS3TEST01";
    public static final String SECRET_KEY = "FAKEs3serverSECRETkey0001";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * S3Mock's plain-HTTP connector binds every interface and no S3Mock or Spring Boot setting
     * changes that ({@code server.address} covers only the HTTPS connector). This bean
     * definition, loaded as an extra Spring source, sets the connector's address before Tomcat
     * binds it: Spring XML, so that no Spring class is needed to compile the tests.
     */
    private static final String LOOPBACK_BEANS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="http://www.springframework.org/schema/beans"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://www.springframework.org/schema/beans
                       https://www.springframework.org/schema/beans/spring-beans.xsd">
              <bean class="org.springframework.beans.factory.config.MethodInvokingBean" lazy-init="false">
                <property name="targetObject" value="#{@webServerFactory.additionalTomcatConnectors[0]}"/>
                <property name="targetMethod" value="setProperty"/>
                <property name="arguments"><list><value>address</value><value>127.0.0.1</value></list></property>
              </bean>
            </beans>
            """;

    private final List<String> buckets;
    private final boolean checksCredentials;
    private Process process;
    private Thread stopOnExit;
    private Path home;
    private int port;
    /** The server JVM's options. */
    private final List<String> jvmOptions;
    /** Small and quick to start, for tests. */
    static final List<String> TEST_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    protected S3Process(List<String> buckets, boolean checksCredentials) {
        this(buckets, checksCredentials, TEST_JVM);
    }

    private S3Process(List<String> buckets, boolean checksCredentials, List<String> jvmOptions) {
        this.buckets = List.copyOf(buckets);
        this.checksCredentials = checksCredentials;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** An S3Mock server, running, with these (empty) buckets; close it when done. */
    public static S3Process started(String... buckets) throws IOException, InterruptedException {
        S3Process server = new S3Process(List.of(buckets), false);
        server.start();
        return server;
    }

    /**
     * An S3Mock server for throughput: the JVM's full JIT and a larger heap, slower to start
     * but cheaper per request than {@link #started}'s; for benchmarks.
     */
    public static S3Process startedForThroughput(String... buckets) throws IOException, InterruptedException {
        S3Process server = new S3Process(List.of(buckets), false, List.of("-Xmx1g"));
        server.start();
        return server;
    }

    /** The server process's id, for its CPU time. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("the S3 server is not running");
        }
        return process.pid();
    }

    /** Stops the server and deletes what it stored. */
    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        if (process == null) {
            throw new IllegalStateException("the S3 server is not running");
        }
        return "http://127.0.0.1:" + port;
    }

    /** The s3a settings (Hadoop keys) that reach this server. */
    public Map<String, String> hadoopSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fs.s3a.endpoint", endpoint());
        settings.put("fs.s3a.endpoint.region", "us-east-1");
        settings.put("fs.s3a.path.style.access", "true");
        settings.put("fs.s3a.connection.ssl.enabled", "false");
        settings.put("fs.s3a.access.key", ACCESS_KEY);
        settings.put("fs.s3a.secret.key", SECRET_KEY);
        settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        return settings;
    }

    /** {@link #hadoopSettings()} as {@code reelfarm} arguments: {@code --conf spark.hadoop.KEY=VALUE} each. */
    public List<String> sparkConfArgs() {
        List<String> args = new ArrayList<>();
        hadoopSettings().forEach((key, value) -> {
            args.add("--conf");
            args.add("spark.hadoop." + key + "=" + value);
        });
        return args;
    }

    /** A Hadoop configuration with {@link #hadoopSettings()}. */
    public Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        hadoopSettings().forEach(conf::set);
        return conf;
    }

    /** A new (uncached) file system on one bucket of this server; the caller closes it. */
    public FileSystem bucket(String name) throws IOException {
        return FileSystem.newInstance(URI.create("s3a://" + name + "/"), hadoopConfiguration());
    }

    protected void start() throws IOException, InterruptedException {
        home = Files.createTempDirectory(checksCredentials ? "s3proxy-" : "s3mock-");
        port = freePort();
        launch(checksCredentials ? s3ProxyArgs() : s3MockArgs());
    }

    private void launch(List<String> serverArgs) throws IOException, InterruptedException {
        Path log = home.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(serverArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        stopOnExit = new Thread(process::destroyForcibly, "s3-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        awaitReady(log);
    }

    private List<String> s3MockArgs() throws IOException {
        Path beans = Files.writeString(home.resolve("loopback-beans.xml"), LOOPBACK_BEANS);
        return List.of("-jar", serverJar("s3mock/s3mock-exec.jar").toString(),
                "--spring.main.sources=" + beans.toUri(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                // The HTTPS connector: loopback too, on a port of its own choosing.
                "--server.address=127.0.0.1", "--server.port=0",
                "--com.adobe.testing.s3mock.store.root=" + home.resolve("store"),
                "--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", buckets),
                // What it stored survives a halt(): a restart() loads it again (stop() deletes it).
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=true",
                "--spring.main.banner-mode=off");
    }

    /** S3Proxy over jclouds' file-system store, where a bucket is a directory made before the start. */
    private List<String> s3ProxyArgs() throws IOException {
        Path store = Files.createDirectories(home.resolve("store"));
        for (String bucket : buckets) {
            Files.createDirectories(store.resolve(bucket));
        }
        Files.writeString(home.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store,
                "jclouds.identity=unused",
                "jclouds.credential=unused") + "\n");
        return s3ProxyCommand();
    }

    private List<String> s3ProxyCommand() {
        return List.of("-jar", serverJar("s3proxy/s3proxy.jar").toString(),
                "--properties", home.resolve("s3proxy.conf").toString());
    }

    private static Path serverJar(String name) {
        Path jar = ReelfarmProcess.projectRoot().resolve("driver/target/" + name);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it in process-test-resources"
                    + " (./mvnw -o -pl driver -am verify ...)");
        }
        return jar;
    }

    /** Waits until the server answers over HTTP. */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                String text = Files.readString(log, StandardCharsets.UTF_8);
                stop();
                throw new IllegalStateException("the S3 server exited with " + exit + ":\n" + text);
            }
            if (answers()) {
                return;
            }
            Thread.sleep(250);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        stop();
        throw new IllegalStateException("the S3 server did not answer on port " + port + " within " + START_TIMEOUT + ":\n" + text);
    }

    private boolean answers() {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            http.setConnectTimeout(1000);
            http.setReadTimeout(5000);
            try {
                // S3Proxy refuses the anonymous request, with a 403 of its own once it is up.
                return http.getResponseCode() == (checksCredentials ? 403 : 200);
            } finally {
                http.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Stops the server as a restart for maintenance ends it for its clients: SIGTERM, so that it
     * leaves its store whole (SIGKILL in the middle of a PUT left S3Mock unable to list its buckets
     * after a restart), keeping the store and the port for {@link #restart()}.
     */
    public void halt() throws InterruptedException {
        if (process == null) {
            throw new IllegalStateException("the S3 server is not running");
        }
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        forgetProcess();
    }

    /** Starts a {@link #halt() halted} server again, on the same port, with the objects it held. */
    public void restart() throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException("the S3 server is running: halt() it first");
        }
        launch(checksCredentials ? s3ProxyCommand() : s3MockArgs());
    }

    protected void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            forgetProcess();
        }
        if (home != null) {
            deleteTree(home);
            home = null;
        }
    }

    private void forgetProcess() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the S3 server's store " + root, e);
        }
    }
}
