package io.dicomwatch.inventory;

import java.util.Comparator;

/**
 * One combination of equipment attributes read from stored objects' data sets (General Equipment
 * and General Series modules, PS3.3 C.7.5.1 and C.7.3.1). Any field may be null.
 */
public record Equipment(String modality, String manufacturer, String manufacturerModelName, String stationName,
        String softwareVersions, String deviceSerialNumber, String institutionName,
        String institutionalDepartmentName) implements Comparable<Equipment> {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Equipment> ORDER = Comparator
            .comparing(Equipment::modality, TEXT)
            .thenComparing(Equipment::manufacturer, TEXT)
            .thenComparing(Equipment::manufacturerModelName, TEXT)
            .thenComparing(Equipment::stationName, TEXT)
            .thenComparing(Equipment::softwareVersions, TEXT)
            .thenComparing(Equipment::deviceSerialNumber, TEXT)
            .thenComparing(Equipment::institutionName, TEXT)
            .thenComparing(Equipment::institutionalDepartmentName, TEXT);

    @Override
    public int compareTo(Equipment other) {
        return ORDER.compare(this, other);
    }
}
