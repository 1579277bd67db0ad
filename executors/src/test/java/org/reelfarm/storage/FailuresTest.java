package org.reelfarm.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void anUnreachableEndpointIsSaidOnceWithoutClassNamesOrOperations() {
        // The message hadoop-aws 3.3.4 gives for a refused connection (an IOException around the SDK's).
        String sdk = "com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to 127.0.0.1:1"
                + " [/127.0.0.1] failed: Connection refused";
        IOException e = new IOException("listStatus on s3a://films/: " + sdk + ": Unable to execute HTTP request:"
                + " Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused", new ConnectException("refused"));

        StorageException failure = Failures.of("use", "s3a://films/out", e);

        assertEquals("cannot use s3a://films/out: Unable to execute HTTP request: Connect to 127.0.0.1:1"
                + " [/127.0.0.1] failed: Connection refused; the endpoint cannot be reached: check fs.s3a.endpoint"
                + " (--conf spark.hadoop.fs.s3a.endpoint=...) and that the server is up", failure.getMessage());
    }

    @Test
    void refusedCredentialsKeepTheServersWordAndNameTheKeys() {
        AccessDeniedException e = new AccessDeniedException("`s3a://films/': listStatus on s3a://films/:"
                + " com.amazonaws.services.s3.model.AmazonS3Exception: Forbidden (Service: Amazon S3; Status Code: 403;"
                + " Error Code: 403 Forbidden; Request ID: 4442587FB7D0A2F9)");

        StorageException failure = Failures.of("use", "s3a://films/out", e);

        assertEquals("cannot use s3a://films/out: Forbidden; the store refused the credentials: check"
                + " fs.s3a.access.key and fs.s3a.secret.key (--conf spark.hadoop.fs.s3a.*,"
                + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or core-site.xml) and the key's permissions on the bucket",
                failure.getMessage());
    }

    @Test
    void aLocalMessageIsKeptAsItIs() {
        assertEquals("/data/out: Permission denied", Failures.reason(new IOException("/data/out: Permission denied")));
    }
}
