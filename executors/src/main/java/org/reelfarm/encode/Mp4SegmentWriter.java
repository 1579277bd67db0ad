package org.reelfarm.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes RGB frames into one H.264 MP4 file at an exact constant frame rate.
 *
 * <p>Frame {@code i} (counting from 0) gets presentation time {@code i / fps}, so the file decodes
 * back to exactly the frames written, in order, and segments written with the same size, frame
 * rate and {@link VideoQuality} can be joined by {@link Mp4Remuxer} without re-encoding. Pixels
 * are stored as yuv420p with BT.601 limited-range colour, signalled in the stream so players
 * convert back to the same colours.
 *
 * <pre>{@code
 * try (Mp4SegmentWriter writer = Mp4SegmentWriter.open(file, 256, 192, 24, VideoQuality.PREVIEW)) {
 *     for (byte[] frame : frames) {
 *         writer.write(frame);
 *     }
 * } // close() flushes the encoder and finishes the file
 * }</pre>
 *
 * <p><b>Ownership:</b> the writer owns every native object it creates (output file, encoder,
 * colour converter, buffers) and frees them all in {@link #close()}, also after a failure.
 * Callers own the {@code byte[]} they pass; it is copied before {@code write} returns. The file is
 * a plain MP4 whose index is written at close, so it must be a local, seekable file: write it
 * locally and upload it afterwards.
 *
 * <p><b>Threads:</b> not thread-safe; use one writer per task. Different writers may run
 * concurrently.
 */
public final class Mp4SegmentWriter implements AutoCloseable {

    private final Path file;
    private final int width;
    private final int height;
    private final int frameBytes;

    // Native state, created in order by open() and freed in reverse by natives.
    private final NativeCloser natives = new NativeCloser();
    private AVFormatContext container;
    private AVCodecContext encoder;
    private AVStream stream;
    private AVFrame picture;
    private AVPacket packet;
    private SwsContext converter;
    private BytePointer rgb;
    private PointerPointer<BytePointer> rgbPlanes;
    private IntPointer rgbStrides;

    private int framesWritten;
    private boolean closed;
    // After a failed FFmpeg call the encoder and muxer are in an unknown state: close() must not
    // flush or write the index, only free.
    private boolean broken;

    private Mp4SegmentWriter(Path file, int width, int height) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.frameBytes = width * height * 3;
    }

    /**
     * Creates (or replaces) {@code file} and prepares to encode frames of {@code width x height}
     * at {@code fps} frames per second.
     *
     * @param width  frame width in pixels, even (yuv420p halves the chroma resolution)
     * @param height frame height in pixels, even
     * @param fps    frames per second, in [1, 240]
     * @throws IllegalArgumentException for a bad size or frame rate
     * @throws EncodeException          when the file cannot be created or FFmpeg cannot set up the
     *                                  encoder (for example without the GPL natives, which carry libx264)
     */
    public static Mp4SegmentWriter open(Path file, int width, int height, int fps, VideoQuality quality) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(quality, "quality");
        requireEvenSize("width", width);
        requireEvenSize("height", height);
        if (fps < 1 || fps > 240) {
            throw new IllegalArgumentException("fps " + fps + " is outside [1, 240]");
        }
        Ffmpeg.init();
        Mp4SegmentWriter writer = new Mp4SegmentWriter(file, width, height);
        try {
            writer.start(fps, quality);
            return writer;
        } catch (RuntimeException | Error e) {
            writer.natives.closeAfter(e);
            throw e;
        }
    }

    private static void requireEvenSize(String name, int value) {
        if (value < 2 || value > 8192 || value % 2 != 0) {
            throw new IllegalArgumentException(
                    name + " " + value + " must be even and in [2, 8192] (yuv420p needs even sizes)");
        }
    }

    private void start(int fps, VideoQuality quality) {
        container = new AVFormatContext(null);
        Ffmpeg.check(avformat_alloc_output_context2(container, null, "mp4", Ffmpeg.url(file)),
                file, "creating the MP4 muxer");
        // Also frees the stream, which the container owns.
        natives.register(container, avformat::avformat_free_context);

        AVCodec codec = avcodec_find_encoder_by_name("libx264");
        if (codec == null) {
            throw new EncodeException(file + ": FFmpeg has no libx264 encoder; put the bytedeco ffmpeg "
                    + "natives with classifier linux-x86_64-gpl on the classpath (the LGPL build lacks it)");
        }
        encoder = natives.register(avcodec_alloc_context3(codec), avcodec::avcodec_free_context);
        if (encoder == null) {
            throw new EncodeException(file + ": cannot allocate the libx264 encoder (out of memory?)");
        }
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        // One tick per frame: frame i has pts i, which is what makes the frame rate exact.
        encoder.time_base(av_make_q(1, fps));
        encoder.framerate(av_make_q(fps, 1));
        // swscale converts RGB with BT.601 limited-range coefficients; saying so in the stream
        // stops players from guessing BT.709 and shifting the colours.
        encoder.color_range(AVCOL_RANGE_MPEG);
        encoder.colorspace(AVCOL_SPC_SMPTE170M);
        encoder.color_primaries(AVCOL_PRI_SMPTE170M);
        encoder.color_trc(AVCOL_TRC_SMPTE170M);
        if ((container.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            // MP4 keeps SPS/PPS in the avcC box, not in front of every keyframe.
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary options = new AVDictionary(null);
        try {
            av_dict_set(options, "preset", quality.preset(), 0);
            av_dict_set(options, "crf", Integer.toString(quality.crf()), 0);
            Ffmpeg.check(avcodec_open2(encoder, codec, options), file,
                    "opening libx264 with crf " + quality.crf() + " preset " + quality.preset());
        } finally {
            av_dict_free(options);
        }

        stream = avformat_new_stream(container, null);
        if (stream == null) {
            throw new EncodeException(file + ": cannot add a video stream to the MP4 muxer");
        }
        stream.time_base(encoder.time_base());
        stream.avg_frame_rate(encoder.framerate());
        Ffmpeg.check(avcodec_parameters_from_context(stream.codecpar(), encoder), file,
                "copying encoder parameters to the stream");

        if ((container.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext io = new AVIOContext(null);
            Ffmpeg.check(avio_open(io, Ffmpeg.url(file), AVIO_FLAG_WRITE), file,
                    "opening the file for writing (does the directory exist and is it writable?)");
            container.pb(io);
            natives.register(container, Mp4SegmentWriter::closeFile);
        }
        // The muxer may replace the stream's time base here (MP4 uses a finer one); packets are
        // rescaled to whatever it chose.
        Ffmpeg.check(avformat_write_header(container, (AVDictionary) null), file, "writing the MP4 header");

        picture = natives.register(av_frame_alloc(), avutil::av_frame_free);
        packet = natives.register(av_packet_alloc(), avcodec::av_packet_free);
        if (picture == null || packet == null) {
            throw new EncodeException(file + ": cannot allocate frame buffers (out of memory?)");
        }
        picture.format(AV_PIX_FMT_YUV420P);
        picture.width(width);
        picture.height(height);
        Ffmpeg.check(av_frame_get_buffer(picture, 0), file, "allocating the yuv420p frame");

        converter = natives.register(sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height,
                AV_PIX_FMT_YUV420P, SWS_BILINEAR | SWS_ACCURATE_RND, null, null, (DoublePointer) null),
                swscale::sws_freeContext);
        if (converter == null) {
            throw new EncodeException(file + ": cannot create the RGB to yuv420p converter");
        }
        rgb = natives.register(new BytePointer(frameBytes), BytePointer::close);
        rgbPlanes = natives.register(new PointerPointer<>(rgb, null, null, null), PointerPointer::close);
        rgbStrides = natives.register(new IntPointer(width * 3, 0, 0, 0), IntPointer::close);
    }

    /**
     * Encodes one frame.
     *
     * @param rgb24 {@code width * height * 3} bytes, rows top to bottom, pixels left to right,
     *              each pixel R, G, B; copied before this returns
     * @throws IllegalArgumentException when the array has the wrong length
     * @throws IllegalStateException    after {@link #close()}
     * @throws EncodeException          when FFmpeg fails; the writer is then unusable, close it
     */
    public void write(byte[] rgb24) {
        Objects.requireNonNull(rgb24, "rgb24");
        if (rgb24.length != frameBytes) {
            throw new IllegalArgumentException("frame has " + rgb24.length + " bytes; " + width + "x" + height
                    + " RGB24 needs " + frameBytes);
        }
        if (closed) {
            throw new IllegalStateException(file + ": writer is closed");
        }
        if (broken) {
            throw new IllegalStateException(file + ": writer failed earlier; close it and start the file again");
        }
        try {
            rgb.position(0).put(rgb24, 0, frameBytes);
            // The encoder may still hold a reference to the previous frame's buffers.
            Ffmpeg.check(av_frame_make_writable(picture), file, "making the frame writable");
            sws_scale(converter, rgbPlanes, rgbStrides, 0, height, picture.data(), picture.linesize());
            picture.pts(framesWritten);
            picture.duration(1);
            Ffmpeg.check(avcodec_send_frame(encoder, picture), file, "encoding frame " + framesWritten);
            writeEncodedPackets();
            framesWritten++;
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Frames accepted by {@link #write} so far. */
    public int framesWritten() {
        return framesWritten;
    }

    /**
     * Flushes the frames the encoder still holds (x264 looks ahead), writes the MP4 index and
     * frees all native resources. Closing twice is harmless. If the writer failed earlier, only
     * frees: the file is then incomplete and should be discarded.
     *
     * @throws EncodeException when flushing or finishing the file fails; resources are freed anyway
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (natives) {
            if (!broken) {
                Ffmpeg.check(avcodec_send_frame(encoder, null), file, "flushing the encoder");
                writeEncodedPackets();
                Ffmpeg.check(av_write_trailer(container), file, "writing the MP4 index");
            }
        }
    }

    private void writeEncodedPackets() {
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(ret, file, "receiving an encoded packet");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            // Takes over the packet's data, even on failure, and leaves the packet empty.
            Ffmpeg.check(av_interleaved_write_frame(container, packet), file, "writing a packet");
        }
    }

    /** Closes the output file; freeing the container afterwards leaves the file alone. */
    private static void closeFile(AVFormatContext container) {
        avio_closep(container.pb());
        container.pb(null);
    }
}
