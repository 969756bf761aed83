package io.github.pieeprom.cli;

import io.github.pieeprom.Json;
import io.github.pieeprom.bootconf.BootConfig;
import io.github.pieeprom.bootconf.Finding;
import io.github.pieeprom.bootconf.PropertyEdits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validator findings as text (like a compiler's), JSON, or GitHub Actions workflow commands. */
enum Findings {
    text, json, github;

    /** A finding in a named file. */
    record InFile(String file, Finding finding) {
    }

    String format(List<InFile> findings, int files) {
        return switch (this) {
            case text -> {
                StringBuilder out = new StringBuilder();
                findings.forEach(f -> out.append(text(f)).append('\n'));
                yield out.toString();
            }
            case json -> json(findings, files);
            case github -> {
                StringBuilder out = new StringBuilder();
                findings.forEach(f -> out.append(github(f)).append('\n'));
                yield out.toString();
            }
        };
    }

    /** Prints an edited config's errors, then refuses it ({@link PropertyEdits#requireValid}): nothing is written. */
    static void refuseErrors(BootConfig edited, List<Finding> findings, PrintWriter err) {
        for (Finding f : findings) if (f.isError()) err.println(text(new InFile(edited.file(), f)));
        PropertyEdits.requireValid(edited, findings);
    }

    /** {@code boot.conf:3:1: error: unknown property MAX_RETRIES; ...}, or {@code boot.conf: error: ...} for the file. */
    static String text(InFile f) {
        Finding x = f.finding();
        String where = x.line() == 0 ? f.file() : f.file() + ":" + x.line() + ":" + x.column();
        return where + ": " + x.severity().label() + ": " + x.message();
    }

    private static String json(List<InFile> findings, int files) {
        List<Object> list = new ArrayList<>();
        for (InFile f : findings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", f.file());
            item.put("line", f.finding().line());
            item.put("column", f.finding().column());
            item.put("severity", f.finding().severity().label());
            item.put("key", f.finding().key());
            item.put("message", f.finding().message());
            list.add(item);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("files", files);
        root.put("errors", findings.stream().filter(f -> f.finding().isError()).count());
        root.put("warnings", findings.stream().filter(f -> !f.finding().isError()).count());
        root.put("findings", list);
        return Json.write(root);
    }

    /** A workflow command, escaped as GitHub's toolkit escapes them. */
    private static String github(InFile f) {
        Finding x = f.finding();
        StringBuilder out = new StringBuilder("::").append(x.severity().label()).append(" file=").append(property(f.file()));
        if (x.line() > 0) out.append(",line=").append(x.line()).append(",col=").append(x.column());
        if (!x.key().isEmpty()) out.append(",title=").append(property(x.key()));
        return out.append("::").append(data(x.message())).toString();
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
