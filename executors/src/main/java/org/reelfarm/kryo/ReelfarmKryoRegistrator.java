package org.reelfarm.kryo;

import com.esotericsoftware.kryo.Kryo;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.Overlap;
import org.reelfarm.codenoise.WindowPartitioner;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.Thumbnail;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowTask;

/**
 * Registers every class Reelfarm ships between JVMs with Spark's Kryo, which runs with
 * {@code spark.kryo.registrationRequired=true}: an unregistered class fails the job at once
 * instead of silently writing class names into every record.
 *
 * <p>It sits in its own package, above {@code task} and {@code codenoise} whose records it lists,
 * so that neither of those needs to import the other for it.
 */
public final class ReelfarmKryoRegistrator implements KryoRegistrator {

    /** Records shipped in RDDs and shuffles. */
    static final List<Class<? extends Record>> RECORDS = List.of(
            BatchTask.class, WindowTask.class, SegmentTarget.class, WindowPiece.class, SegmentTask.class,
            SegmentResult.class, Thumbnail.class, CoWindow.class, CoState.class, Overlap.class);

    /** Other classes that appear inside them. */
    static final List<Class<?>> OTHERS = List.of(
            BatchTask[].class, WindowTask[].class, SegmentTarget[].class, WindowPiece[].class, SegmentTask[].class,
            SegmentResult[].class, Thumbnail[].class, int[].class, long[].class, float[].class, byte[].class, Object[].class,
            java.util.ArrayList.class, WindowPartitioner.class);

    /** Classes of libraries that ship them in Reelfarm jobs (Spark NLP broadcasts its rules). */
    static final List<String> LIBRARY_CLASSES = List.of(
            "com.johnsnowlabs.nlp.util.regex.RuleFactory",
            "scala.Enumeration$Val",
            "com.johnsnowlabs.nlp.util.io.MatchStrategy$",
            "com.johnsnowlabs.nlp.util.regex.RegexRule",
            "scala.util.matching.Regex",
            "com.johnsnowlabs.nlp.util.regex.TransformStrategy$",
            "org.apache.spark.sql.catalyst.expressions.GenericRow"
            );

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void registerClasses(Kryo kryo) {
        for (Class<? extends Record> type : RECORDS) {
            kryo.register(type, new RecordSerializer(type));
        }
        for (Class<?> type : OTHERS) {
            kryo.register(type);
        }
        for (String name : LIBRARY_CLASSES) {
            try {
                kryo.register(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                // The library is not on this classpath, so it cannot ship its classes either.
            }
        }
    }
}
