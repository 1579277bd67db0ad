package org.reelfarm.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Files an executor puts into a film's work area, which may be a local directory or any Hadoop
 * file system (s3a://...). Credentials come from the Spark configuration the driver set.
 */
public final class WorkArea {
    private WorkArea() {}

    /** Copies a local file to {@code workDir/relative}, replacing what is there. */
    public static void put(Path local, String workDir, String relative) {
        org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(workDir, relative);
        try {
            FileSystem fs = dest.getFileSystem(hadoopConfiguration());
            fs.setWriteChecksum(false); // no .crc files next to local outputs
            // A Path made from the URI: hadoop-aws 3.3.4 cannot copy from a plain absolute path.
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), dest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    /** The Hadoop configuration of this JVM's Spark environment, or defaults outside Spark. */
    public static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }
}
