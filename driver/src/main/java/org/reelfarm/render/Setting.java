package org.reelfarm.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.reelfarm.blend.BlendProfile;
import org.reelfarm.sampler.SamplerKind;

/**
 * Every setting of {@code render} and {@code plan}, declared once: its command-line option, type,
 * default, valid values and doc, in the shape of Kafka's {@code ConfigDef}. The command line takes
 * its defaults and option descriptions from here, and every range check is made here, with a
 * message that names the option, the value given and a value that works:
 *
 * <pre>{@code
 * int batch = Setting.BATCH.check(0); // UsageException: --batch 0 must be at least 1; use --batch 4
 * }</pre>
 *
 * <p>A default is either a value ({@code --batch 4}) or comes from the model or the profile once
 * the model is loaded ({@code --window}); see {@link RenderSettings#resolve}.
 */
public enum Setting {
    PROFILE("--profile", Type.CHOICE, Default.of("preview"), Valid.oneOf(names(Profile.values(), Profile::cliName)),
            "Quality profile: sampling steps and encoder settings"),
    SEED("--seed", Type.LONG, Default.of("0"), Valid.ANY,
            "Film seed; a shot list's seed column overrides it per shot"),
    STRATEGY("--strategy", Type.CHOICE, Default.from("codenoise if the model takes conditioning, else shared-noise"),
            Valid.oneOf(names(Strategy.values(), Strategy::cliName)), "Long-video strategy"),
    WINDOW("--window", Type.INT, Default.from("the model's"), Valid.atLeast(2, " latent frames"),
            "Window length in latent frames"),
    OVERLAP("--overlap", Type.INT, Default.from("the model's, or a quarter of the window if that does not fit"),
            Valid.below(0, "--window"), "Window overlap in latent frames"),
    BLEND("--blend", Type.CHOICE, Default.of("cosine"), Valid.oneOf(names(BlendProfile.values(), BlendProfile::cliName)),
            "Blend profile for window overlaps"),
    SYNC_EVERY("--sync-every", Type.INT, Default.of("1"), Valid.upTo(1, "--steps"),
            "Codenoise: sampling steps between two syncs of neighbouring windows"),
    STAGGER("--stagger", Type.INT, Default.of("1"), Valid.upTo(0, "--steps"),
            "Codenoise: steps between the starts of neighbouring windows"),
    STEPS("--steps", Type.INT, Default.from("the profile's: " + profileSteps()), Valid.atLeast(1, ""),
            "Sampling steps"),
    SAMPLER("--sampler", Type.CHOICE, Default.of("ddim"),
            Valid.oneOf(names(SamplerKind.values(), k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-'))),
            "Sampler"),
    BATCH("--batch", Type.INT, Default.of("4"), Valid.between(1, 256), "Windows per model call"),
    SEGMENT_SECONDS("--segment-seconds", Type.DOUBLE, Default.of("5"), Valid.between(0.5, 600),
            "Length in seconds of the segments encoded in parallel"),
    MAX_RETRIES("--max-retries", Type.INT, Default.of("3"), Valid.between(0, 100),
            "Retries of a failed task before the render fails"),
    MAX_IN_FLIGHT("--max-in-flight", Type.INT, Default.of("0", "derived from executor memory and cores"),
            Valid.atLeast(0, " windows"), "Windows denoised at once: films are admitted in order up to this budget"
                    + " and committed as they finish; 0 derives it from executor memory and cores"),
    TF_THREADS("--tf-threads", Type.INT, Default.of("1"), Valid.atLeast(0, ""),
            "TensorFlow threads per model call; 1 suits one task per core, 0 is TensorFlow's default"),
    MASTER("--master", Type.STRING, Default.of("local[*]"), Valid.ANY, "Spark master URL"),
    GPUS("--gpus", Type.STRING, Default.of("", "none"), Valid.ANY,
            "Local master: the GPU ids TensorFlow may use (\"0\" or \"0,1\"). Cluster master: GPUs per executor"
                    + " (e.g. 1); Spark gives each denoise task one and the task runs on it"),
    MODEL("--model", Type.PATH, Default.from("the reference model, built on first use into"
            + " REELFARM_HOME/models/reference"), Valid.ANY,
            "SavedModel directory that follows the Reelfarm model contract (local path, or s3a://bucket/prefix"
                    + " copied into a local cache once per JVM)"),
    OUT("--out", Type.STRING, Default.REQUIRED, Valid.ANY, "Output directory (local path or s3a://bucket/prefix)"),
    PNG("--png", Type.FLAG, Default.OFF, Valid.ANY, "Also write every frame as DIR/NAME/frames/NNNNNN.png"),
    RESUME("--resume", Type.FLAG, Default.OFF, Valid.ANY, "Finish an interrupted render in the same --out: what it"
            + " had finished (denoised batches, encoded segments) is kept"),
    FORCE("--force", Type.FLAG, Default.OFF, Valid.ANY, "Replace films that already exist in DIR"),
    STRICT_VOCAB("--strict-vocab", Type.FLAG, Default.OFF, Valid.ANY,
            "Fail on a shot whose prompt has no word the model knows"),
    VARS("--vars", Type.PATH, Default.from("none"), Valid.ANY, "Render one film per row of CSV (local path or"
            + " s3a:// URI) from the template INPUT, filling its {{name}} placeholders; the first column names each film"),
    CONF("--conf", Type.MAP, Default.from("none"), Valid.ANY, "Extra Spark setting; repeatable");

    /** What a setting's value is. */
    public enum Type { INT, LONG, DOUBLE, STRING, CHOICE, PATH, FLAG, MAP }

    /**
     * A default: a {@code value} the command line parses like a given one, or none when the
     * default comes from the model or the profile ({@code text} says which).
     */
    public record Default(String value, String text) {
        static final Default REQUIRED = new Default(null, "required");
        static final Default OFF = new Default(null, "off");

        static Default of(String value) {
            return new Default(value, value);
        }

        static Default of(String value, String text) {
            return new Default(value, text);
        }

        static Default from(String text) {
            return new Default(null, text);
        }
    }

    /**
     * Valid values: numbers from {@code min} to {@code max} ({@code bound} names another setting
     * whose value is the upper limit; exclusive if {@code below}), or one of {@code choices}.
     */
    public record Valid(double min, double max, String bound, boolean below, String unit, List<String> choices) {
        static final Valid ANY = new Valid(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, false, "", List.of());

        static Valid between(double min, double max) {
            return new Valid(min, max, null, false, "", List.of());
        }

        static Valid atLeast(double min, String unit) {
            return new Valid(min, Double.POSITIVE_INFINITY, null, false, unit, List.of());
        }

        static Valid below(double min, String bound) {
            return new Valid(min, Double.POSITIVE_INFINITY, bound, true, "", List.of());
        }

        static Valid upTo(double min, String bound) {
            return new Valid(min, Double.POSITIVE_INFINITY, bound, false, "", List.of());
        }

        static Valid oneOf(List<String> choices) {
            return new Valid(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, false, "", List.copyOf(choices));
        }

        /** As the help says it, e.g. "1 to 256", "at least 2", "0 to --window minus 1"; empty for any. */
        public String text() {
            if (!choices.isEmpty()) {
                return String.join(", ", choices);
            }
            if (bound != null) {
                return number(min) + " to " + bound + (below ? " minus 1" : "");
            }
            if (Double.isInfinite(min)) {
                return "";
            }
            return Double.isInfinite(max) ? "at least " + number(min) : number(min) + " to " + number(max);
        }
    }

    private final String option;
    private final Type type;
    private final Default defaultValue;
    private final Valid valid;
    private final String doc;

    Setting(String option, Type type, Default defaultValue, Valid valid, String doc) {
        this.option = option;
        this.type = type;
        this.defaultValue = defaultValue;
        this.valid = valid;
        this.doc = doc;
    }

    /** The command-line option, e.g. {@code --batch}. */
    public String option() {
        return option;
    }

    public Type type() {
        return type;
    }

    public Default defaultValue() {
        return defaultValue;
    }

    public Valid valid() {
        return valid;
    }

    public String doc() {
        return doc;
    }

    /** The option's help: the doc, the valid values and the default, e.g. "Windows per model call (1 to 256; default: 4)." */
    public String help() {
        if (type == Type.FLAG) {
            return doc + ".";
        }
        if (defaultValue == Default.REQUIRED) {
            return doc + " (required).";
        }
        String range = valid.text();
        return doc + " (" + (range.isEmpty() ? "" : range + "; ") + "default: " + defaultValue.text() + ").";
    }

    /** The setting of a command-line option, or null. */
    public static Setting ofOption(String option) {
        return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst().orElse(null);
    }

    /**
     * {@code value} if it is valid; else a UsageException that suggests the default value. For
     * settings whose default is a value; the others say what works with {@link #check(int, String)}.
     */
    public int check(int value) {
        return (int) check(value, Double.NaN, defaultValue.value());
    }

    /** {@code value} if it is valid; else a UsageException that suggests the default value. */
    public double check(double value) {
        return check(value, Double.NaN, defaultValue.value());
    }

    /**
     * {@code value} if it is valid where the setting that {@link Valid#bound()} names is
     * {@code bound}; else a UsageException that suggests {@code works}.
     */
    public int check(int value, int bound, int works) {
        return (int) check(value, bound, String.valueOf(works));
    }

    /** {@code value} if it is valid; else a UsageException that suggests {@code works}, e.g. "2 or more". */
    public int check(int value, String works) {
        return (int) check(value, Double.NaN, works);
    }

    private double check(double value, double bound, String works) {
        String rule = rule(value, bound);
        if (rule != null) {
            throw new UsageException(option + " " + number(value) + " must " + rule + "; use " + option + " " + works);
        }
        return value;
    }

    /** What {@code value} breaks, or null if it is valid; a NaN bound is not checked. */
    private String rule(double value, double bound) {
        if (Double.isNaN(value) || value < valid.min) {
            return valid.min == 0 ? "not be negative" : "be at least " + number(valid.min) + valid.unit;
        }
        if (value > valid.max) {
            return "be at most " + number(valid.max) + valid.unit;
        }
        if (valid.bound != null && !Double.isNaN(bound)) {
            if (valid.below && value >= bound) {
                return "be smaller than " + valid.bound + " " + number(bound);
            }
            if (!valid.below && value > bound) {
                return "be at most " + valid.bound + " " + number(bound);
            }
        }
        return null;
    }

    /** The choice {@code text} names, parsed by {@code parse}; a UsageException listing the choices if none. */
    public <E> E choice(String text, Function<String, E> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown " + option + " \"" + text + "\"; use " + choices());
        }
    }

    /** The enum constant whose name (as {@code name} gives it) is {@code text}, ignoring case. */
    public static <E> Function<String, E> byName(E[] values, Function<E, String> name) {
        return text -> Arrays.stream(values).filter(v -> name.apply(v).equals(text.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(text));
    }

    /** The choices as a sentence: "draft, preview or final". */
    private String choices() {
        List<String> c = valid.choices;
        return c.size() == 1 ? c.get(0) : String.join(", ", c.subList(0, c.size() - 1)) + " or " + c.get(c.size() - 1);
    }

    private static <E> List<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    private static String profileSteps() {
        return String.join(", ", Arrays.stream(Profile.values())
                .map(p -> p.cliName() + " " + (p.steps(0) == 0 ? "the model's" : String.valueOf(p.steps(0)))).toList());
    }

    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
