package io.dicomwatch.inventory;

import java.io.IOException;

/** An inventory file that cannot be loaded: not JSON, a newer schema, or a field of the wrong form. */
public class InventoryFormatException extends IOException {
    public InventoryFormatException(String message) {
        super(message);
    }

    public InventoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
