package io.dicomwatch.inventory;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The equipment an entity's objects name, reduced to one identity when the evidence is
 * consistent: every object that names a manufacturer names the same one, and every object that
 * names a station names the same one. A PACS that forwards objects of many devices is not
 * consistent, so it never takes a modality's identity.
 *
 * @param devices distinct (manufacturer, station) pairs seen
 * @param modalities every modality seen, also when not consistent
 */
record EquipmentSummary(boolean consistent, int devices, String manufacturer, String manufacturerModelName,
        String stationName, String deviceSerialNumber, String softwareVersions, SortedSet<String> modalities) {

    /** Returns the summary of an entity's equipment, or null when it sent no equipment attributes. */
    static EquipmentSummary of(EntityIdentity identity) {
        if (identity.equipment.isEmpty()) {
            return null;
        }
        Set<Equipment> all = identity.equipment.keySet();
        SortedSet<String> manufacturers = distinct(all, Equipment::manufacturer);
        SortedSet<String> stations = distinct(all, Equipment::stationName);
        Set<String> pairs = new TreeSet<>();
        for (Equipment equipment : all) {
            pairs.add(equipment.manufacturer() + "\u0000" + equipment.stationName());
        }
        boolean consistent = manufacturers.size() == 1 && stations.size() <= 1;
        SortedSet<String> modalities = distinct(all, Equipment::modality);
        if (!consistent) {
            return new EquipmentSummary(false, pairs.size(), null, null, null, null, null, modalities);
        }
        return new EquipmentSummary(true, pairs.size(), manufacturers.first(),
                single(distinct(all, Equipment::manufacturerModelName)), single(stations),
                single(distinct(all, Equipment::deviceSerialNumber)),
                single(distinct(all, Equipment::softwareVersions)), modalities);
    }

    private static SortedSet<String> distinct(Set<Equipment> all, Function<Equipment, String> field) {
        SortedSet<String> values = new TreeSet<>();
        for (Equipment equipment : all) {
            String value = field.apply(equipment);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static String single(SortedSet<String> values) {
        return values.size() == 1 ? values.first() : null;
    }
}
