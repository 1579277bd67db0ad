package org.reelfarm.encode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_cmp_q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * Joins MP4 segments into one MP4 by copying their compressed video packets, without decoding
 * or re-encoding: fast, and the joined film decodes to exactly the frames of its segments.
 *
 * <p>The segments must have identical codec parameters (codec, size, pixel format, SPS/PPS) and
 * frame rate, as segments from {@link Mp4SegmentWriter} with the same size, fps and
 * {@link VideoQuality} do; each must start with a keyframe (every writer's file does). Segment
 * {@code k}'s timestamps are shifted to start where the frames before it end, so the output keeps
 * an exact constant frame rate. Only the video stream is copied.
 *
 * <pre>{@code
 * long frames = Mp4Remuxer.remux(List.of(seg0, seg1, seg2), film);
 * }</pre>
 *
 * <p>Each call opens and closes all files and native objects itself; calls on different threads
 * are independent. Like the writer's, the output must be a local, seekable file.
 */
public final class Mp4Remuxer {

    private final Path out;
    // Native state, created in order by start() and freed in reverse by natives.
    private final NativeCloser natives = new NativeCloser();
    private AVFormatContext container;
    private AVStream stream;
    private AVPacket packet;

    // Set from the first segment; every later one must match.
    private Path first;
    private AVCodecParameters firstParams;
    private AVRational frameRate;
    private AVRational frameTime;
    private long packetsWritten;

    private Mp4Remuxer(Path out) {
        this.out = out;
    }

    /**
     * Writes {@code out} (replacing it) with the segments' video one after another.
     *
     * @param segments at least one MP4 file, in playing order
     * @return video packets written, which is the number of frames the output decodes to
     * @throws IllegalArgumentException when {@code segments} is empty or contains {@code out}
     * @throws EncodeException          naming the file at fault when a segment cannot be read or does
     *                                  not match the first, or the output cannot be written; a partly
     *                                  written output is then unusable
     */
    public static long remux(List<Path> segments, Path out) {
        Objects.requireNonNull(out, "out");
        List<Path> inputs = List.copyOf(segments);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no segments to join into " + out);
        }
        Path target = out.toAbsolutePath().normalize();
        for (Path segment : inputs) {
            // Opening the output truncates it, which would destroy that segment before it is read.
            if (segment.toAbsolutePath().normalize().equals(target)) {
                throw new IllegalArgumentException("output " + out + " is also one of the segments; write to another file");
            }
        }
        Ffmpeg.init();
        Mp4Remuxer remuxer = new Mp4Remuxer(out);
        try (NativeCloser natives = remuxer.natives) {
            for (Path segment : inputs) {
                remuxer.append(segment);
            }
            remuxer.finish();
            return remuxer.packetsWritten;
        }
    }

    private void append(Path segment) {
        try (VideoInput input = VideoInput.open(segment)) {
            if (container == null) {
                start(input);
            } else {
                requireSameParameters(input);
            }
            AVRational in = input.video.time_base();
            AVRational target = stream.time_base();
            // Where this segment's first frame goes: right after the frames already written. Counting
            // frames, not summing durations, keeps frame i at exactly i / fps across any number of joins.
            long offset = av_rescale_q(packetsWritten, frameTime, target);
            long start = input.video.start_time() == AV_NOPTS_VALUE ? 0 : input.video.start_time();
            while (true) {
                int ret = av_read_frame(input.container, packet);
                if (ret == AVERROR_EOF) {
                    return;
                }
                Ffmpeg.check(ret, segment, "reading packet " + packetsWritten + " of the joined video");
                if (packet.stream_index() != input.video.index()) {
                    av_packet_unref(packet);
                    continue;
                }
                packet.pts(shift(packet.pts(), start, in, target, offset));
                packet.dts(shift(packet.dts(), start, in, target, offset));
                packet.duration(av_rescale_q(packet.duration(), in, target));
                packet.stream_index(stream.index());
                packet.pos(-1);
                // Takes over the packet's data, even on failure, and leaves the packet empty.
                Ffmpeg.check(av_interleaved_write_frame(container, packet), out,
                        "writing packet " + packetsWritten + " (from " + segment + ")");
                packetsWritten++;
            }
        }
    }

    private static long shift(long timestamp, long start, AVRational in, AVRational target, long offset) {
        if (timestamp == AV_NOPTS_VALUE) {
            return AV_NOPTS_VALUE;
        }
        return av_rescale_q(timestamp - start, in, target) + offset;
    }

    /** Creates the output with the first segment's stream parameters. */
    private void start(VideoInput input) {
        first = input.file;
        frameRate = input.frameRate();
        frameTime = av_inv_q(frameRate);

        container = new AVFormatContext(null);
        Ffmpeg.check(avformat_alloc_output_context2(container, null, "mp4", Ffmpeg.url(out)), out,
                "creating the MP4 muxer");
        // Also frees the stream and its parameters, which the container owns.
        natives.register(container, avformat::avformat_free_context);
        stream = avformat_new_stream(container, null);
        if (stream == null) {
            throw new EncodeException(out + ": cannot add a video stream to the MP4 muxer");
        }
        Ffmpeg.check(avcodec_parameters_copy(stream.codecpar(), input.video.codecpar()), out,
                "copying codec parameters from " + first);
        // The muxer picks the tag for its own container.
        stream.codecpar().codec_tag(0);
        stream.time_base(input.video.time_base());
        stream.avg_frame_rate(frameRate);
        firstParams = stream.codecpar();

        if ((container.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext io = new AVIOContext(null);
            Ffmpeg.check(avio_open(io, Ffmpeg.url(out), AVIO_FLAG_WRITE), out,
                    "opening the file for writing (does the directory exist and is it writable?)");
            container.pb(io);
            natives.register(container, Mp4Remuxer::closeFile);
        }
        AVDictionary options = new AVDictionary(null);
        try {
            // The joined file is what people play: put the index first so playback can start
            // before the whole file has downloaded. Costs one rewrite of the file at close.
            av_dict_set(options, "movflags", "+faststart", 0);
            Ffmpeg.check(avformat_write_header(container, options), out, "writing the MP4 header");
        } finally {
            av_dict_free(options);
        }
        packet = natives.register(av_packet_alloc(), avcodec::av_packet_free);
        if (packet == null) {
            throw new EncodeException(out + ": cannot allocate a packet (out of memory?)");
        }
    }

    /** Copied packets only decode with the parameters they were encoded with. */
    private void requireSameParameters(VideoInput input) {
        AVCodecParameters params = input.video.codecpar();
        String differs = null;
        if (params.codec_id() != firstParams.codec_id()) {
            differs = "codec " + codecName(params) + " vs " + codecName(firstParams);
        } else if (params.width() != firstParams.width() || params.height() != firstParams.height()) {
            differs = "size " + params.width() + "x" + params.height()
                    + " vs " + firstParams.width() + "x" + firstParams.height();
        } else if (params.format() != firstParams.format()) {
            differs = "pixel format " + params.format() + " vs " + firstParams.format();
        } else if (av_cmp_q(input.frameRate(), frameRate) != 0) {
            AVRational rate = input.frameRate();
            differs = "frame rate " + rate.num() + "/" + rate.den() + " vs " + frameRate.num() + "/" + frameRate.den();
        } else if (!Arrays.equals(extradata(params), extradata(firstParams))) {
            differs = "codec setup (SPS/PPS), which comes from the encoder settings";
        }
        if (differs != null) {
            throw new EncodeException(input.file + ": cannot be joined after " + first + " into " + out
                    + " without re-encoding: " + differs + "; encode all segments with the same size, fps and quality");
        }
    }

    private static String codecName(AVCodecParameters params) {
        return avcodec_get_name(params.codec_id()).getString();
    }

    private static byte[] extradata(AVCodecParameters params) {
        byte[] bytes = new byte[Math.max(0, params.extradata_size())];
        if (bytes.length > 0) {
            params.extradata().position(0).get(bytes);
        }
        return bytes;
    }

    private void finish() {
        Ffmpeg.check(av_write_trailer(container), out, "writing the MP4 index");
    }

    /** Closes the output file; freeing the container afterwards leaves the file alone. */
    private static void closeFile(AVFormatContext container) {
        avio_closep(container.pb());
        container.pb(null);
    }
}
