package org.reelfarm.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns what a file system threw into a {@link StorageException} that names the URI and the fix. */
final class Failures {
    private Failures() {}

    static StorageException of(String action, String uri, Throwable e) {
        if (e instanceof StorageException s) {
            return s;
        }
        return new StorageException("cannot " + action + " " + uri + ": " + reason(e) + "; " + fix(uri, e), e);
    }

    /** A URI in Hadoop's quotes, as in {@code `s3a://films/': }. */
    private static final Pattern QUOTED_URI = Pattern.compile("`[^`']*': ");
    /** An S3A operation prefix, as in {@code listStatus on s3a://films/: }. */
    private static final Pattern OPERATION = Pattern.compile("\\b\\w+ on [a-z0-9]+://\\S*: ");
    /** A qualified exception class name before its message, as in {@code com.amazonaws.SdkClientException: }. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*: ");

    /**
     * The first line of the message, without the SDK's request ids, the URI the error line names
     * already, operation names and exception class names, and said once where the SDK repeats it.
     */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf(" (Service: ");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        cut = message.indexOf('\n');
        message = cut > 0 ? message.substring(0, cut) : message;
        message = CLASS_NAME.matcher(OPERATION.matcher(QUOTED_URI.matcher(message).replaceAll("")).replaceAll(""))
                .replaceAll("").strip();
        int half = message.indexOf(": ");
        while (half > 0) {
            String head = message.substring(0, half);
            if (message.substring(half + 2).startsWith(head)) {
                return message.substring(half + 2);
            }
            half = message.indexOf(": ", half + 2);
        }
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private static String fix(String uri, Throwable e) {
        boolean remote = Storage.isUri(uri) && !uri.startsWith("file:");
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (name.equals("UnknownStoreException") || text.contains("nosuchbucket")
                    || text.contains("bucket does not exist")) {
                return "the bucket does not exist: create it, or fix its name in the URI";
            }
            if (t instanceof AccessDeniedException || text.contains("403") || text.contains("forbidden")
                    || text.contains("invalidaccesskeyid") || text.contains("signaturedoesnotmatch")) {
                return remote ? "the store refused the credentials: check fs.s3a.access.key and fs.s3a.secret.key"
                        + " (--conf spark.hadoop.fs.s3a.*, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or core-site.xml)"
                        + " and the key's permissions on the bucket"
                        : "check the permissions of the directory";
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || name.contains("ConnectTimeout") || name.contains("HttpHostConnect")
                    || text.contains("unable to execute http request")) {
                return "the endpoint cannot be reached: check fs.s3a.endpoint (--conf spark.hadoop.fs.s3a.endpoint=...)"
                        + " and that the server is up";
            }
        }
        return remote ? "check the URI, and the endpoint and credentials of its store (spark.hadoop.fs.s3a.*)"
                : "check the path and that it can be written";
    }
}
