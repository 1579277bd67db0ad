package org.reelfarm.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records: fields separated by commas; a field in double quotes may hold commas, line
 * breaks and {@code ""} for a quote. Unquoted fields are trimmed; spaces around a quoted field
 * are allowed. Input has {@code \n} line ends ({@link SourceFile} normalizes them).
 */
final class CsvRecords {

    /** One record and the line it starts on. */
    record CsvRecord(int line, List<String> fields) {
        boolean isBlank() {
            return fields.stream().allMatch(String::isEmpty);
        }
    }

    private CsvRecords() {}

    static List<CsvRecord> parse(String display, String text) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        int n = text.length();
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (true) {
            int j = i;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            if (j < n && text.charAt(j) == '"') {
                int quoteLine = line;
                StringBuilder field = new StringBuilder();
                i = j + 1;
                while (true) {
                    if (i >= n) {
                        throw new InputException(display, quoteLine, "a quoted field opened on this line is never closed",
                                "end it with \" (write \"\" for a quote inside a quoted field)");
                    }
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    i++;
                }
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new InputException(display, line, "unexpected '" + text.charAt(i) + "' after a closing quote",
                            "quote the whole field and write \"\" for a quote inside it");
                }
                fields.add(field.toString());
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    i++;
                }
                fields.add(text.substring(start, i).strip());
            }
            if (i < n && text.charAt(i) == ',') {
                i++;
                continue;
            }
            records.add(new CsvRecord(recordLine, List.copyOf(fields)));
            fields.clear();
            if (i >= n) {
                return records;
            }
            i++; // the '\n'
            line++;
            recordLine = line;
            if (i >= n) {
                return records;
            }
        }
    }
}
