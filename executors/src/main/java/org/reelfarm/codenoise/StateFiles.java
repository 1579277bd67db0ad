package org.reelfarm.codenoise;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.reelfarm.storage.BinaryFiles;
import org.reelfarm.storage.FilmLayout;
import org.reelfarm.storage.Storage;

/**
 * The state of co-denoised windows kept in the work area every few sync rounds: all a window
 * needs to go on from there (its latents, steps taken, text context and the overlaps it holds).
 * A shot's windows saved after round R sit in {@link FilmLayout#stateFile}, one file per window,
 * each written whole. They serve twice: the next rounds of the job read them back, so a lost
 * executor costs at most the rounds since; and a later run with {@code --resume} takes the
 * shot up at round R instead of 0.
 */
public final class StateFiles {
    private static final int STATE = 0x52465331; // "RFS1"

    private StateFiles() {}

    public static void write(Storage area, String relative, CoState state) {
        area.writeWhole(relative, out -> {
            out.writeInt(STATE);
            out.writeInt(state.stepsDone());
            BinaryFiles.writeFloats(out, state.context());
            BinaryFiles.writeFloats(out, state.x());
            writeOverlap(out, state.left());
            writeOverlap(out, state.outgoing());
        });
    }

    /** The saved state of {@code window}, or null if there is none. */
    public static CoState read(Storage area, String relative, CoWindow window) {
        return area.readIfPresent(relative, in -> {
            if (in.readInt() != STATE) {
                throw new IOException(relative + " is not a Reelfarm window state");
            }
            int steps = in.readInt();
            float[] context = BinaryFiles.readFloats(in);
            float[] x = BinaryFiles.readFloats(in);
            return new CoState(window, context, x, steps, readOverlap(in), readOverlap(in));
        });
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
