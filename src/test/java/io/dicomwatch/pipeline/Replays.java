package io.dicomwatch.pipeline;

import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Replays capture files in-process for tests, with default settings. */
public final class Replays {
    private Replays() {
    }

    public static Inventory replay(Path... files) throws IOException {
        Inventory inventory = new Inventory(InventoryLimits.DEFAULTS);
        Pipeline pipeline = new Pipeline(inventory, PipelineConfig.DEFAULTS);
        ReplayResult result = new ReplayJob(pipeline, ReplayProgress.NONE, Long.MAX_VALUE).run(List.of(files));
        if (!result.complete()) {
            throw new IOException("replay incomplete: " + result.fileErrors());
        }
        return inventory;
    }

    public static byte[] toJson(Inventory inventory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new InventoryJsonWriter("test").write(inventory, out);
        return out.toByteArray();
    }
}
