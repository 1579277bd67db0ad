package org.reelfarm.storage;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server ({@link S3Process}) for a test class: started before it, stopped
 * after it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3Server S3 = S3Server.withBuckets("lessons", "films");
 * ...
 * reelfarm("render", "s3a://lessons/lib/", "--out", "s3a://films/out/", S3.sparkConfArgs()...);
 * }</pre>
 */
public final class S3Server extends S3Process implements BeforeAllCallback, AfterAllCallback {
    private S3Server(List<String> buckets, boolean checksCredentials) {
        super(buckets, checksCredentials);
    }

    /** A server (S3Mock) that starts with these (empty) buckets and takes any key. */
    public static S3Server withBuckets(String... buckets) {
        return new S3Server(List.of(buckets), false);
    }

    /** A server (S3Proxy) that starts with these (empty) buckets and refuses any key but {@link #ACCESS_KEY}. */
    public static S3Server checkingCredentials(String... buckets) {
        return new S3Server(List.of(buckets), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }
}
