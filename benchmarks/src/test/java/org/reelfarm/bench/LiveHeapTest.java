package org.reelfarm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveHeapTest {
    /** A JVM that holds {@code args[0]} MB live and {@code args[1]} MB of garbage, then waits to be killed. */
    public static final class Holder {
        static byte[][] kept;

        public static void main(String[] args) throws InterruptedException {
            // 64 KB pieces: a 1 MB array would be a humongous object, two 1 MB regions of G1's.
            kept = new byte[Integer.parseInt(args[0]) * 16][];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new byte[64 * 1024];
            }
            for (int i = 0; i < Integer.parseInt(args[1]) * 16; i++) {
                byte[] garbage = new byte[64 * 1024];
                garbage[i % garbage.length] = 1;
            }
            System.out.println("ready");
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }

    @TempDir
    Path dir;

    @Test
    void aCollectionLogsWhatTheOtherJvmHoldsNotItsGarbage() throws Exception {
        Path log = dir.resolve("gc.log");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", GcLog.jvmFlag(log.toString()),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), "40", "150")
                .redirectErrorStream(true).start();
        try {
            assertTrue(new String(jvm.getInputStream().readNBytes(5)).startsWith("ready"), "the holder started");
            Optional<LiveHeap> heap = Optional.empty();
            for (int attempt = 0; attempt < 50 && heap.isEmpty(); attempt++) {
                heap = LiveHeap.attach(jvm.pid());
                if (heap.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertTrue(heap.isPresent(), "attached to the holder's JVM");
            try (LiveHeap live = heap.get()) {
                assertTrue(live.collect());
                List<GcLog.Collection> full = GcLog.explicitFull(Files.readAllLines(log));
                assertEquals(1, full.size(), "one full collection asked for");
                double mb = full.get(0).afterMb();
                assertTrue(mb >= 40 && mb < 90, "40 MB held (and the JMX agent), 150 MB collected: " + mb + " MB");
                jvm.destroyForcibly().waitFor();
                assertFalse(live.collect(), "no collection once the JVM has gone");
            }
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void noProcessNoConnection() {
        assertTrue(LiveHeap.attach(ProcessHandle.current().pid() + 1_000_000).isEmpty());
    }
}
