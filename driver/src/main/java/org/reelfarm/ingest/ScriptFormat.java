package org.reelfarm.ingest;

import java.util.List;
import java.util.Locale;

/** The input formats, chosen by file extension (case-insensitive). */
enum ScriptFormat {
    MARKDOWN(".md", "write a lesson with one \"## Shot title\" section per shot") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return MarkdownLesson.parse(file);
        }
    },
    CSV(".csv", "write the header shot_id,prompt,duration_s and one row per shot") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return CsvShotList.parse(file);
        }
    };

    static final String SUPPORTED = ".md (Markdown lesson) and .csv (shot list)";

    private final String extension;
    private final String emptyFileFix;

    ScriptFormat(String extension, String emptyFileFix) {
        this.extension = extension;
        this.emptyFileFix = emptyFileFix;
    }

    /** The shots of a checked file, in order, before tokenization. */
    abstract List<ShotDraft> parse(SourceFile file);

    String emptyFileFix() {
        return emptyFileFix;
    }

    static ScriptFormat of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (ScriptFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return format;
            }
        }
        int slash = Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\'));
        int dot = lower.lastIndexOf('.');
        String problem = dot > slash
                ? "unsupported file type \"" + fileName.substring(dot) + "\""
                : "file has no extension, so its format is unknown";
        throw new InputException(fileName, 0, problem, "supported inputs are " + SUPPORTED);
    }
}
