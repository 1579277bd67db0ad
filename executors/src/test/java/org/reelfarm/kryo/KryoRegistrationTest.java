package org.reelfarm.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.reelfarm.codenoise.CoState;
import org.reelfarm.codenoise.CoWindow;
import org.reelfarm.codenoise.Overlap;
import org.reelfarm.task.BatchTask;
import org.reelfarm.task.SegmentResult;
import org.reelfarm.task.SegmentTarget;
import org.reelfarm.task.SegmentTask;
import org.reelfarm.task.Thumbnail;
import org.reelfarm.task.WindowPiece;
import org.reelfarm.task.WindowTask;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/** Every shipped class goes through Spark's Kryo with registration required, as in a render. */
class KryoRegistrationTest {
    private final SerializerInstance kryo = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", ReelfarmKryoRegistrator.class.getName())
            .set("spark.kryo.registrationRequired", "true")).newInstance();

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void shipsBatchesOfWindows() {
        WindowTask window = new WindowTask(1, 2, 3, 42L, 100L, 16, new int[] {5, 6, 0},
                new SegmentTarget[] {new SegmentTarget(7, 100, 110)}, 96L, 16);
        BatchTask batch = roundTrip(new BatchTask(9, new WindowTask[] {window}, "film/windows/00009.bin"));
        WindowTask back = batch.windows()[0];
        assertEquals(9, batch.index());
        assertEquals(42L, back.seed());
        assertArrayEquals(new int[] {5, 6, 0}, back.tokens());
        assertEquals(new SegmentTarget(7, 100, 110), back.targets()[0]);
    }

    @Test
    void shipsCoDenoisingStatesAndOverlaps() {
        WindowTask window = new WindowTask(0, 1, 2, 7L, 12L, 16, new int[] {3}, new SegmentTarget[0], 0L, 0);
        Overlap left = new Overlap(12, 1, new float[] {0.25f}, new float[] {0.5f});
        CoState state = new CoState(new CoWindow(window, 1, 1, 3, 24L, 5, 6, 0), new float[] {1f}, new float[] {2f, 3f},
                4, left, null);
        Tuple2<Integer, CoState> back = roundTrip(new Tuple2<>(5, state));
        assertEquals(24L, back._2().window().rightStart());
        assertArrayEquals(new float[] {2f, 3f}, back._2().x());
        assertArrayEquals(new float[] {0.25f}, back._2().left().x0());
        assertEquals(null, back._2().outgoing());
    }

    @Test
    void shipsPiecesKeyedBySegment() {
        Tuple2<Integer, WindowPiece> piece = roundTrip(new Tuple2<>(4,
                new WindowPiece(3, 12, 2, new float[] {1f, 2f}, new float[] {0.5f, 1f})));
        assertEquals(4, piece._1());
        assertArrayEquals(new float[] {1f, 2f}, piece._2().latents());
    }

    @Test
    void shipsSegmentsAndResults() {
        SegmentTask task = new SegmentTask(1, 0, 2, 10, 20, 9, 31, 20, "film", "film/segments/00001.mp4", null, null);
        assertEquals(task, roundTrip(task));
        SegmentResult result = roundTrip(new SegmentResult(1, 0, 2, 40, new byte[] {1, 2}, new float[] {0f, 1.5f},
                new float[] {3f, 4f}, "f.mp4", 1, 2, 3, new Thumbnail[] {new Thumbnail(20, new byte[] {7})}));
        assertArrayEquals(new byte[] {7}, result.thumbnails()[0].jpeg());
        assertArrayEquals(new byte[] {1, 2}, result.frameDigests());
        SegmentTask[] all = roundTrip(new SegmentTask[] {task});
        assertEquals(task, all[0]);
    }

    @Test
    void anUnregisteredClassFailsAtOnce() {
        record Stray(int x) {}
        Exception e = assertThrows(Exception.class, () -> roundTrip(new Stray(1)));
        assertEquals(true, String.valueOf(e.getMessage()).contains("Class is not registered"), e.getMessage());
    }

    /**
     * Records of the packages whose objects travel between JVMs that do not travel through Kryo:
     * settings and accumulators shipped inside task closures (Java serialization) and results that
     * stay in a task.
     */
    static final Set<String> NOT_IN_RDDS = Set.of("TaskSettings", "TaskCounters", "CoDenoising$Settings",
            "CoSchedule", "CoDenoising$Advance");

    @Test
    void everyRecordOfTheShippedPackagesIsRegisteredAndSurvivesKryo() throws Exception {
        List<Class<?>> found = new ArrayList<>();
        Path classes = Path.of(ReelfarmKryoRegistrator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (String pkg : List.of("org.reelfarm.task", "org.reelfarm.codenoise")) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(pkg + "." + simple);
                    if (type.isRecord() && !NOT_IN_RDDS.contains(simple)) {
                        found.add(type);
                    }
                }
            }
        }
        assertTrue(found.size() >= 9, "found the shipped records: " + found);
        for (Class<?> type : found) {
            assertTrue(ReelfarmKryoRegistrator.RECORDS.contains(type), type + " is shipped but not registered");
        }
        Kryo plain = new Kryo();
        plain.setRegistrationRequired(true);
        new ReelfarmKryoRegistrator().registerClasses(plain);
        for (Class<?> type : ReelfarmKryoRegistrator.OTHERS) {
            assertEquals(type, plain.getRegistration(type).getType());
        }
    }
}
