package org.reelfarm.codenoise;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reelfarm.storage.BinaryFiles;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;

/**
 * The state of co-denoised windows kept in the work area every few sync rounds: all a window
 * needs to go on from there (its latents, steps taken, text context and the overlaps it holds).
 * They serve twice: the next rounds of the job read them back, so a lost executor costs at most
 * the rounds since; and a later run with {@code --resume} takes the shot up at round R instead of 0.
 *
 * <p>A film's states after its round R sit in one directory ({@link FilmLayout#stateRound}): one
 * pack per partition that held windows of the film, each written whole, and an index written by
 * the driver once every pack is in place. The index names the pack of each window; a round
 * without one was cut short and does not count. One object per partition and round, not per
 * window, is what makes a save cheap on an object store, where every request costs tens of ms.
 */
public final class StateFiles {
    private static final int PACK = 0x52465332; // "RFS2": the states of several windows
    private static final int INDEX = 0x52464932; // "RFI2"

    private StateFiles() {}

    /** The file name of the pack that holds the window with key {@code key} in a round directory. */
    public static String packOf(WindowPartitioner partitioner, int key) {
        return FilmLayout.packName(partitioner.getPartition(key));
    }

    /** Writes the states of some windows of one film as the pack {@code relative}. */
    public static void writePack(Storage area, String relative, List<CoState> states) {
        area.writeWhole(relative, out -> {
            out.writeInt(PACK);
            out.writeInt(states.size());
            for (CoState state : states) {
                out.writeInt(state.window().task().window());
                out.writeInt(state.stepsDone());
                BinaryFiles.writeFloats(out, state.context());
                BinaryFiles.writeFloats(out, state.x());
                writeOverlap(out, state.left());
                writeOverlap(out, state.outgoing());
            }
        });
    }

    /**
     * The states in pack {@code relative} of the given windows (by film-global window index), by
     * window index; the pack's other windows are skipped. Null if the pack does not exist.
     */
    public static Map<Integer, CoState> readPack(Storage area, String relative, Map<Integer, CoWindow> wanted) {
        return area.readIfPresent(relative, in -> {
            check(in.readInt(), PACK, relative);
            int n = in.readInt();
            Map<Integer, CoState> out = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                int window = in.readInt();
                int steps = in.readInt();
                float[] context = BinaryFiles.readFloats(in);
                float[] x = BinaryFiles.readFloats(in);
                Overlap left = readOverlap(in);
                Overlap outgoing = readOverlap(in);
                CoWindow w = wanted.get(window);
                if (w != null) {
                    out.put(window, new CoState(w, context, x, steps, left, outgoing));
                }
            }
            return out;
        });
    }

    /** Writes a round's index: the pack file name of each window, by film-global window index. */
    public static void writeIndex(Storage area, String relative, Map<Integer, String> packOfWindow) {
        area.writeWhole(relative, out -> {
            out.writeInt(INDEX);
            out.writeInt(packOfWindow.size());
            for (Map.Entry<Integer, String> e : new TreeMap<>(packOfWindow).entrySet()) {
                out.writeInt(e.getKey());
                out.writeUTF(e.getValue());
            }
        });
    }

    /** A round's index as {@link #writeIndex} wrote it, or null if the round has none. */
    public static Map<Integer, String> readIndex(Storage area, String relative) {
        return area.readIfPresent(relative, in -> {
            check(in.readInt(), INDEX, relative);
            int n = in.readInt();
            Map<Integer, String> out = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                out.put(in.readInt(), in.readUTF());
            }
            return out;
        });
    }

    private static void check(int magic, int expected, String relative) throws IOException {
        if (magic != expected) {
            throw new IOException(relative + " is not a Reelfarm window state file");
        }
    }

    private static void writeOverlap(DataOutputStream out, Overlap overlap) throws IOException {
        out.writeBoolean(overlap != null);
        if (overlap != null) {
            out.writeLong(overlap.start());
            out.writeInt(overlap.frames());
            BinaryFiles.writeFloats(out, overlap.x0());
            BinaryFiles.writeFloats(out, overlap.weights());
        }
    }

    private static Overlap readOverlap(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Overlap(in.readLong(), in.readInt(), BinaryFiles.readFloats(in), BinaryFiles.readFloats(in));
    }
}
