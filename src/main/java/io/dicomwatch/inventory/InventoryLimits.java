package io.dicomwatch.inventory;

/**
 * Caps on the inventory tables, so memory stays bounded on any capture. Whatever a cap keeps
 * out is counted in the export's overflow section instead of being stored.
 *
 * @param maxAssets assets (IP addresses)
 * @param maxAssociations aggregated association rows, and also application entities of all assets
 *     together
 * @param maxApplicationEntitiesPerAsset application entities of one asset
 * @param maxValuesPerList entries of each list inside an asset, entity or association row
 *     (MAC addresses, VLAN IDs, implementations, SOP classes, transfer syntaxes, user identities)
 * @param routerMacThreshold a MAC address seen with at least this many IP addresses is flagged as
 *     a router's: on a routed SPAN every remote host appears behind the router's MAC
 */
public record InventoryLimits(
        int maxAssets,
        int maxAssociations,
        int maxApplicationEntitiesPerAsset,
        int maxValuesPerList,
        int routerMacThreshold) {

    /**
     * Defaults that keep a flood of spoofed DICOM hosts within a 256 MiB heap together with the
     * default connection table. An asset with its association row, finding and identity state
     * was measured at about 3.7 KB (100,000 hosts: 370 MiB after GC, OpenJDK 17). A large hospital has
     * a few thousand DICOM nodes; raise the caps with the heap for more.
     */
    public static final InventoryLimits DEFAULTS = new InventoryLimits(25_000, 50_000, 256, 1024, 3);

    public InventoryLimits {
        requirePositive("maxAssets", maxAssets);
        requirePositive("maxAssociations", maxAssociations);
        requirePositive("maxApplicationEntitiesPerAsset", maxApplicationEntitiesPerAsset);
        requirePositive("maxValuesPerList", maxValuesPerList);
        if (routerMacThreshold < 2) {
            throw new IllegalArgumentException("routerMacThreshold must be >= 2, got " + routerMacThreshold);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
