package org.reelfarm.codenoise;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.reelfarm.task.WorkArea;

/**
 * The state of co-denoised windows kept in the work area every few sync rounds: all a window
 * needs to go on from there (its latents, steps taken, text context and the overlaps it holds).
 * A shot's windows saved after round R sit in {@code DIR/rRRRR/}, one file per window, each
 * written whole. They serve twice: the next rounds of the job read them back, so a lost
 * executor costs at most the rounds since; and a later run with {@code --resume} takes the
 * shot up at round R instead of 0.
 */
public final class StateFiles {
    private static final int STATE = 0x52465331; // "RFS1"

    private StateFiles() {}

    /** The name of the directory of the states saved after {@code round} rounds. */
    public static String roundName(int round) {
        return String.format(Locale.ROOT, "r%04d", round);
    }

    /** The directory, under a film's state directory, of the states saved after {@code round} rounds. */
    public static String roundDir(String filmDir, int round) {
        return filmDir + "/" + roundName(round);
    }

    /** The round of a directory named by {@link #roundName}, or -1 if the name is not one. */
    public static int roundOf(String dirName) {
        return dirName.matches("r\\d{4,}") ? Integer.parseInt(dirName.substring(1)) : -1;
    }

    /** The file name of window {@code window} (film-global index) in a round directory. */
    public static String fileName(int window) {
        return String.format(Locale.ROOT, "w%05d", window);
    }

    public static void write(WorkArea area, String relative, CoState state) {
        area.writeWhole(relative, out -> {
            out.writeInt(STATE);
            out.writeInt(state.stepsDone());
            WorkArea.writeFloats(out, state.context());
            WorkArea.writeFloats(out, state.x());
            writeOverlap(out, state.left());
            writeOverlap(out, state.outgoing());
        });
    }

    /** The saved state of {@code window}, or null if there is none. */
    public static CoState read(WorkArea area, String relative, CoWindow window) {
        return area.readIfPresent(relative, in -> {
            if (in.readInt() != STATE) {
                throw new IOException(relative + " is not a Reelfarm window state");
            }
            int steps = in.readInt();
            float[] context = WorkArea.readFloats(in);
            float[] x = WorkArea.readFloats(in);
            return new CoState(window, context, x, steps, readOverlap(in), readOverlap(in));
        });
    }

    private static void writeOverlap(DataOutputStream out, Overlap overlap) throws IOException {
        out.writeBoolean(overlap != null);
        if (overlap != null) {
            out.writeLong(overlap.start());
            out.writeInt(overlap.frames());
            WorkArea.writeFloats(out, overlap.x0());
            WorkArea.writeFloats(out, overlap.weights());
        }
    }

    private static Overlap readOverlap(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Overlap(in.readLong(), in.readInt(), WorkArea.readFloats(in), WorkArea.readFloats(in));
    }
}
