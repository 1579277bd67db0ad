package org.reelfarm.ingest;

import java.util.List;
import java.util.Locale;

/** The input formats, chosen by file extension (case-insensitive). */
enum ScriptFormat {
    MARKDOWN(List.of(".md"), "write a lesson with one \"## Shot title\" section per shot") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return MarkdownLesson.parse(file);
        }
    },
    CSV(List.of(".csv"), "write the header shot_id,prompt,duration_s and one row per shot") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return CsvShotList.parse(file);
        }
    },
    JSON(List.of(".json"), "write an array of shots such as [{\"shot_id\": \"s01\", \"prompt\": \"A red ball.\"}]") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return JsonShotList.parse(file);
        }
    },
    FOUNTAIN(List.of(".fountain", ".spmd"),
            "write a scene heading such as INT. HOUSE - DAY and an action paragraph under it") {
        @Override
        List<ShotDraft> parse(SourceFile file) {
            return FountainScreenplay.parse(file);
        }
    };

    static final String SUPPORTED = ".fountain or .spmd (Fountain screenplay), .md (Markdown lesson),"
            + " .csv or .json (shot list)";

    private final List<String> extensions;
    private final String emptyFileFix;

    ScriptFormat(List<String> extensions, String emptyFileFix) {
        this.extensions = extensions;
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
            for (String extension : format.extensions) {
                if (lower.endsWith(extension)) {
                    return format;
                }
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
