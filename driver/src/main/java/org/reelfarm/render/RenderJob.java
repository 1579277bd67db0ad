package org.reelfarm.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentRendering;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.TaskSettings;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowSampling;

/**
 * The Spark job of a render: every batch of every film is denoised in one stage; window pieces
 * are shuffled to their segments, keyed by segment id; each segment is blended, decoded and
 * encoded on an executor. The driver receives only small {@link SegmentResult}s.
 */
final class RenderJob {

    /** What the job reports: segment results in id order and executor-side time per kind. */
    record Outcome(List<SegmentResult> segments, long denoiseNanos, long modelCalls, long blendNanos,
            long decodeNanos, long encodeNanos, int stages) {}

    private RenderJob() {}

    static Outcome run(SparkSession spark, List<BatchTask> batches, List<SegmentTask> segments, TaskSettings settings) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator denoiseNanos = jsc.sc().longAccumulator("denoise-nanos");
        LongAccumulator modelCalls = jsc.sc().longAccumulator("model-calls");
        SegmentTask[] segmentArray = segments.toArray(SegmentTask[]::new);
        for (int i = 0; i < segmentArray.length; i++) {
            if (segmentArray[i].id() != i) {
                throw new IllegalStateException("segment ids must be 0..n-1 in order");
            }
        }
        Broadcast<SegmentTask[]> segmentBc = jsc.broadcast(segmentArray);

        // One batch per task: the unit of retry, and the finest load balancing.
        JavaRDD<BatchTask> batchRdd = jsc.parallelize(batches, Math.max(1, batches.size()));
        JavaPairRDD<Integer, WindowPiece> pieces = batchRdd.mapPartitionsToPair(
                it -> WindowSampling.run(it, settings, denoiseNanos, modelCalls));
        // One partition per segment (ids are 0..n-1): a task holds the pieces of one segment only,
        // so executor memory does not grow with the film.
        List<SegmentResult> results = new ArrayList<>(pieces
                .groupByKey(new HashPartitioner(Math.max(1, segmentArray.length)))
                .map(group -> SegmentRendering.run(segmentBc.value()[group._1()], group._2(), settings))
                .collect());
        segmentBc.destroy();
        results.sort(Comparator.comparingInt(SegmentResult::id));
        if (results.size() != segmentArray.length) {
            throw new IllegalStateException("rendered " + results.size() + " of " + segmentArray.length + " segments");
        }
        long blend = 0, decode = 0, encode = 0;
        for (SegmentResult r : results) {
            blend += r.blendNanos();
            decode += r.decodeNanos();
            encode += r.encodeNanos();
        }
        return new Outcome(results, denoiseNanos.value(), modelCalls.value(), blend, decode, encode, 2);
    }
}
