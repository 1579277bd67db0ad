package org.reelfarm.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reelfarm's s3a settings, under the user's: hadoop-aws 3.3.4 retries a dead endpoint for
 * minutes by default (20 SDK attempts times 7 S3A retries); these make a wrong endpoint, bucket
 * or key an error within about 20 s. A {@code --conf spark.hadoop.fs.s3a.*} of the user wins.
 */
public final class S3Defaults {
    private S3Defaults() {}

    /** The settings as Spark configuration keys ({@code spark.hadoop.fs.s3a.*}). */
    public static Map<String, String> sparkSettings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("spark.hadoop.fs.s3a.attempts.maximum", "1"); // SDK retries of one request
        out.put("spark.hadoop.fs.s3a.retry.limit", "1"); // S3A retries of a failed operation
        out.put("spark.hadoop.fs.s3a.retry.interval", "500ms");
        out.put("spark.hadoop.fs.s3a.connection.establish.timeout", "5000"); // ms
        out.put("spark.hadoop.fs.s3a.connection.timeout", "20000"); // ms without a byte on an open socket
        // A render writes many small objects (window states, segments): without this S3A sends a
        // bulk delete of the parent "directory" markers after each one. Hadoop 3.3.1+ and 3.2.2+
        // read a bucket written this way; older S3A clients may not (hadoop-aws directory_markers).
        out.put("spark.hadoop.fs.s3a.directory.marker.retention", "keep");
        return out;
    }
}
