package org.reelfarm.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_ERROR_MAX_STRING_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What every FFmpeg call in this package shares: one-time setup and error translation. */
final class Ffmpeg {

    static {
        // FFmpeg and x264 print banners, per-file statistics and warnings to stderr of every
        // executor; only real errors are worth a line there, and failures reach callers as
        // EncodeException anyway. Class initialisation runs this exactly once per JVM.
        av_log_set_level(AV_LOG_ERROR);
    }

    private Ffmpeg() {}

    /** Loads the FFmpeg natives and quiets their logging; cheap after the first call. */
    static void init() {
        // The work happens in the static initialiser.
    }

    /**
     * The URL FFmpeg should open for a local file. The {@code file:} prefix stops FFmpeg from
     * reading a colon in the path as a protocol name ("C:", "s3:", "concat:").
     */
    static String url(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /** Returns {@code ret} when it is not an FFmpeg error code, else throws naming the file. */
    static int check(int ret, Path file, String step) {
        if (ret < 0) {
            throw new EncodeException(file + ": " + step + " failed: " + describe(ret));
        }
        return ret;
    }

    /** FFmpeg's text for an error code, e.g. "No such file or directory". */
    static String describe(int errorCode) {
        byte[] text = new byte[AV_ERROR_MAX_STRING_SIZE];
        if (av_strerror(errorCode, text, text.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, StandardCharsets.UTF_8) + " (FFmpeg error " + errorCode + ")";
    }
}
