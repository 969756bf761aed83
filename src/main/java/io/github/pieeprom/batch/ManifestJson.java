package io.github.pieeprom.batch;

import io.github.pieeprom.Json;
import io.github.pieeprom.batch.BatchPlan.Build;
import io.github.pieeprom.batch.BatchPlan.Device;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} of a batch: every device (its config and image SHA-256, where its image is, its
 * manifest row) and every skipped row, one per line so that {@code grep} finds a device.
 */
final class ManifestJson {
    private ManifestJson() {
    }

    /** {@code imageSha256} has the SHA-256 of each build's {@code pieeprom.bin}. */
    static String of(BatchPlan plan, Map<Build, String> imageSha256) {
        StringBuilder out = new StringBuilder("{\n  \"manifest\": ").append(Json.quote(plan.manifest().file()))
                .append(",\n  \"ts\": ").append(plan.ts())
                .append(",\n  \"images\": ").append(plan.builds().size())
                .append(",\n  \"devices\": [");
        List<Device> devices = plan.devices();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            String image = imageSha256.get(d.build());
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(Json.quote(d.name()))
                    .append(", \"soc\": ").append(Json.quote(d.soc().id()))
                    .append(", \"config\": ").append(Json.quote(d.build().configSha256()))
                    .append(", \"image\": ").append(Json.quote(image))
                    .append(", \"path\": ").append(Json.quote(BatchWriter.IMAGES + "/" + image))
                    .append(", \"line\": ").append(d.row().line())
                    .append(", \"row\": ").append(object(d.row().values())).append('}');
        }
        out.append(devices.isEmpty() ? "],\n  \"skipped\": [" : "\n  ],\n  \"skipped\": [");
        List<RowOutcome.Rejected> rejected = plan.rejected();
        for (int i = 0; i < rejected.size(); i++)
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"line\": ").append(rejected.get(i).row().line())
                    .append(", \"error\": ").append(Json.quote(rejected.get(i).message())).append('}');
        return out.append(rejected.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String object(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(Json.quote(k)).append(": ")
                .append(Json.quote(v)));
        return out.append('}').toString();
    }
}
