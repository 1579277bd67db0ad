package org.reelfarm.encode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads video files back by decoding every frame, for tests: checks that a written or
 * joined file holds what it should. Any container and codec FFmpeg can decode works; only the
 * main video stream is read.
 *
 * <pre>{@code
 * Mp4Info info = Mp4Frames.probe(file);               // e.g. 48 frames, 256x192, 24.0 fps, "h264"
 * Mp4Frames.forEachFrame(file, (i, rgb) -> check(i, rgb));
 * }</pre>
 *
 * <p>Each call opens, reads and closes the file itself; nothing native outlives the call, also
 * when the consumer throws. Calls on different threads are independent.
 */
public final class Mp4Frames {

    private Mp4Frames() {}

    /**
     * Decodes the whole video stream and reports what it holds. The frame count is of frames
     * that actually decode, so a truncated or badly joined file shows up here.
     *
     * @throws EncodeException naming the file when it cannot be opened or decoded
     */
    public static Mp4Info probe(Path file) {
        Objects.requireNonNull(file, "file");
        try (VideoInput input = VideoInput.open(file); Decoder decoder = new Decoder(input)) {
            long frames = decoder.decodeAll(null);
            AVCodecParameters params = input.video.codecpar();
            return new Mp4Info(frames, params.width(), params.height(), av_q2d(input.frameRate()),
                    avcodec_get_name(params.codec_id()).getString());
        }
    }

    /**
     * Decodes every frame in presentation order and hands it to {@code consumer} as RGB24. An
     * exception thrown by the consumer stops decoding and propagates.
     *
     * @throws EncodeException naming the file when it cannot be opened or decoded
     */
    public static void forEachFrame(Path file, FrameConsumer consumer) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(consumer, "consumer");
        try (VideoInput input = VideoInput.open(file); Decoder decoder = new Decoder(input)) {
            decoder.decodeAll(consumer);
        }
    }

    /** Decoder and RGB converter for one input; owns its native objects. */
    private static final class Decoder implements AutoCloseable {
        private final VideoInput input;
        private final Path file;
        // Native state, freed in reverse order of creation by natives.
        private final NativeCloser natives = new NativeCloser();
        private AVCodecContext codec;
        private AVPacket packet;
        private AVFrame frame;
        // Created at the first frame to convert, because only a decoded frame reliably tells
        // the pixel format and colour space.
        private SwsContext converter;
        private BytePointer rgb;
        private PointerPointer<BytePointer> rgbPlanes;
        private IntPointer rgbStrides;
        private int rgbWidth;
        private int rgbHeight;
        private long frames;

        Decoder(VideoInput input) {
            this.input = input;
            this.file = input.file;
            try {
                AVCodecParameters params = input.video.codecpar();
                AVCodec decoder = avcodec_find_decoder(params.codec_id());
                if (decoder == null) {
                    throw new EncodeException(file + ": FFmpeg has no decoder for codec "
                            + avcodec_get_name(params.codec_id()).getString());
                }
                codec = natives.register(avcodec_alloc_context3(decoder), avcodec::avcodec_free_context);
                packet = natives.register(av_packet_alloc(), avcodec::av_packet_free);
                frame = natives.register(av_frame_alloc(), avutil::av_frame_free);
                if (codec == null || packet == null || frame == null) {
                    throw new EncodeException(file + ": cannot allocate the decoder (out of memory?)");
                }
                Ffmpeg.check(avcodec_parameters_to_context(codec, params), file, "configuring the decoder");
                codec.pkt_timebase(input.video.time_base());
                Ffmpeg.check(avcodec_open2(codec, decoder, (AVDictionary) null), file, "opening the decoder");
            } catch (RuntimeException | Error e) {
                natives.closeAfter(e);
                throw e;
            }
        }

        /** Decodes to the end; converts and hands over each frame when {@code consumer} is given. */
        long decodeAll(FrameConsumer consumer) {
            while (true) {
                int ret = av_read_frame(input.container, packet);
                if (ret == AVERROR_EOF) {
                    break;
                }
                Ffmpeg.check(ret, file, "reading a packet after frame " + frames);
                try {
                    if (packet.stream_index() == input.video.index()) {
                        Ffmpeg.check(avcodec_send_packet(codec, packet), file, "decoding after frame " + frames);
                        receiveFrames(consumer);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            // The decoder holds back frames for reordering until told the stream has ended.
            Ffmpeg.check(avcodec_send_packet(codec, null), file, "flushing the decoder");
            receiveFrames(consumer);
            return frames;
        }

        private void receiveFrames(FrameConsumer consumer) {
            while (true) {
                int ret = avcodec_receive_frame(codec, frame);
                if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                    return;
                }
                Ffmpeg.check(ret, file, "receiving decoded frame " + frames);
                try {
                    if (consumer != null) {
                        byte[] pixels = toRgb();
                        consumer.accept(Math.toIntExact(frames), pixels);
                    }
                    frames++;
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        private byte[] toRgb() {
            int width = frame.width();
            int height = frame.height();
            if (converter == null) {
                createConverter(width, height);
            } else if (width != rgbWidth || height != rgbHeight) {
                throw new EncodeException(file + ": frame " + frames + " is " + width + "x" + height
                        + " but earlier frames are " + rgbWidth + "x" + rgbHeight);
            }
            sws_scale(converter, frame.data(), frame.linesize(), 0, height, rgbPlanes, rgbStrides);
            byte[] pixels = new byte[width * height * 3];
            rgb.position(0).get(pixels);
            return pixels;
        }

        private void createConverter(int width, int height) {
            converter = natives.register(sws_getContext(width, height, frame.format(), width, height,
                    AV_PIX_FMT_RGB24, SWS_BILINEAR | SWS_ACCURATE_RND, null, null, (DoublePointer) null),
                    swscale::sws_freeContext);
            if (converter == null) {
                throw new EncodeException(file + ": cannot convert pixel format " + frame.format() + " to RGB24");
            }
            // Use the matrix and range the stream declares (BT.601 limited for our own files)
            // instead of swscale's default, so colours of other encoders' files come out right.
            sws_setColorspaceDetails(converter,
                    sws_getCoefficients(frame.colorspace()), frame.color_range() == AVCOL_RANGE_JPEG ? 1 : 0,
                    sws_getCoefficients(SWS_CS_DEFAULT), 1,
                    0, 1 << 16, 1 << 16);
            rgbWidth = width;
            rgbHeight = height;
            rgb = natives.register(new BytePointer((long) width * height * 3), BytePointer::close);
            rgbPlanes = natives.register(new PointerPointer<>(rgb, null, null, null), PointerPointer::close);
            rgbStrides = natives.register(new IntPointer(width * 3, 0, 0, 0), IntPointer::close);
        }

        /** Frees in reverse order of creation; the input is closed by its own owner. */
        @Override
        public void close() {
            natives.close();
        }
    }
}
