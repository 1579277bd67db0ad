package org.reelfarm.encode;

import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * An opened video file and its main video stream, for reading packets. Owns the demuxer context
 * (and with it the stream) and closes it in {@link #close()}. Not thread-safe.
 */
final class VideoInput implements AutoCloseable {

    final Path file;
    final AVFormatContext container;
    final AVStream video;

    private boolean closed;

    private VideoInput(Path file, AVFormatContext container, AVStream video) {
        this.file = file;
        this.container = container;
        this.video = video;
    }

    /** @throws EncodeException naming the file when it is missing, unreadable or has no video */
    static VideoInput open(Path file) {
        Ffmpeg.init();
        AVFormatContext container = new AVFormatContext(null);
        Ffmpeg.check(avformat_open_input(container, Ffmpeg.url(file), (AVInputFormat) null, (AVDictionary) null),
                file, "opening the video");
        try {
            Ffmpeg.check(avformat_find_stream_info(container, (AVDictionary) null), file, "reading stream info");
            int index = av_find_best_stream(container, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (index < 0) {
                throw new EncodeException(file + ": has no video stream (" + Ffmpeg.describe(index) + ")");
            }
            return new VideoInput(file, container, container.streams(index));
        } catch (RuntimeException | Error e) {
            avformat_close_input(container);
            throw e;
        }
    }

    /**
     * Frames per second of the video stream: the average rate where the container gives one,
     * else FFmpeg's guess from the timestamps.
     */
    AVRational frameRate() {
        AVRational average = video.avg_frame_rate();
        if (average.num() > 0 && average.den() > 0) {
            return av_make_q(average.num(), average.den());
        }
        AVRational guessed = video.r_frame_rate();
        if (guessed.num() > 0 && guessed.den() > 0) {
            return av_make_q(guessed.num(), guessed.den());
        }
        throw new EncodeException(file + ": the video stream has no frame rate");
    }

    /** Closes the file; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            avformat_close_input(container);
        }
    }
}
