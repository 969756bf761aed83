package io.github.pieeprom.batch;

import io.github.pieeprom.batch.Manifest.Row;

/**
 * What a batch makes of one manifest row: a device with the image it gets, or the reason it gets none.
 * <pre>
 * for (RowOutcome.Rejected r : plan.rejected()) System.err.println(r.message());
 * </pre>
 */
public sealed interface RowOutcome permits RowOutcome.Built, RowOutcome.Rejected {
    Row row();

    /** The row is a device. */
    record Built(BatchPlan.Device device) implements RowOutcome {
        @Override
        public Row row() {
            return device.row();
        }
    }

    /**
     * The row is no device.
     *
     * @param message one line naming the manifest, the row's line and its device, such as
     *                {@code devices.csv:3: n2: ${rack} is empty (template rack.conf)}
     */
    record Rejected(Row row, String message) implements RowOutcome {
    }
}
