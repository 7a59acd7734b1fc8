package io.dicomwatch.inventory;

import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Infers what an asset does from the services its application entities took part in and the
 * equipment in the objects they sent. Functions belong to the asset, not to one entity, because
 * one device often uses several: a workstation queries as an SCU and receives the moved objects
 * on an SCP entity with another title. A node can have several functions; each comes with the
 * evidence that gave it.
 *
 * <ul>
 *   <li>{@code archive}: a storage SCP and a query/retrieve SCP;
 *   <li>{@code workstation}: a query/retrieve SCU;
 *   <li>{@code worklist}: a modality worklist or MPPS SCP (a RIS or broker);
 *   <li>{@code modality}: a worklist or MPPS SCU, or an image storage SCU whose objects name one
 *       station and one manufacturer, on an asset that receives no objects;
 *   <li>{@code router}: a storage SCP and storage SCU without query/retrieve in either role, or
 *       an entity that sends objects of several stations or manufacturers without being an archive;
 *   <li>{@code print}: a print management SCP.
 * </ul>
 */
final class FunctionInference {
    static final String ARCHIVE = "archive";
    static final String WORKSTATION = "workstation";
    static final String WORKLIST = "worklist";
    static final String MODALITY = "modality";
    static final String ROUTER = "router";
    static final String PRINT = "print";

    private static final Set<String> QUERY = Set.of(ServiceClass.QUERY_FIND, ServiceClass.QUERY_MOVE,
            ServiceClass.QUERY_GET);
    private static final Set<String> STORAGE = Set.of(ServiceClass.STORAGE_IMAGE, ServiceClass.STORAGE_OTHER);

    private FunctionInference() {
    }

    /** Returns each inferred function with its evidence, sorted. */
    static SortedMap<String, SortedSet<String>> infer(Asset asset) {
        Evidence evidence = new Evidence();
        for (ApplicationEntity entity : asset.entities.values()) {
            for (var entry : entity.identity.services.entrySet()) {
                evidence.add(entity, entry.getKey());
            }
            evidence.addEquipment(entity);
        }
        SortedMap<String, SortedSet<String>> functions = new TreeMap<>();
        addServiceFunctions(functions, evidence);
        addSenderFunctions(functions, evidence);
        return functions;
    }

    /** Adds the functions that services alone prove: archive, workstation, worklist, print. */
    private static void addServiceFunctions(SortedMap<String, SortedSet<String>> functions, Evidence evidence) {
        boolean storageScp = !evidence.uses(STORAGE, "SCP").isEmpty();
        boolean queryScp = !evidence.uses(QUERY, "SCP").isEmpty();
        if (storageScp && queryScp) {
            put(functions, ARCHIVE, evidence.uses(STORAGE, "SCP"), evidence.uses(QUERY, "SCP"));
        }
        if (!evidence.uses(QUERY, "SCU").isEmpty()) {
            put(functions, WORKSTATION, evidence.uses(QUERY, "SCU"), evidence.uses(STORAGE, "SCP"));
        }
        Set<String> worklistServices = Set.of(ServiceClass.WORKLIST, ServiceClass.MPPS);
        if (!evidence.uses(worklistServices, "SCP").isEmpty()) {
            put(functions, WORKLIST, evidence.uses(worklistServices, "SCP"));
        }
        if (!evidence.uses(Set.of(ServiceClass.PRINT), "SCP").isEmpty()) {
            put(functions, PRINT, evidence.uses(Set.of(ServiceClass.PRINT), "SCP"));
        }
    }

    /** Adds the functions of a sender of objects: modality or router, told apart by the equipment it sends. */
    private static void addSenderFunctions(SortedMap<String, SortedSet<String>> functions, Evidence evidence) {
        boolean storageScp = !evidence.uses(STORAGE, "SCP").isEmpty();
        boolean storageScu = !evidence.uses(STORAGE, "SCU").isEmpty();
        boolean queryScp = !evidence.uses(QUERY, "SCP").isEmpty();
        boolean queryScu = !evidence.uses(QUERY, "SCU").isEmpty();
        Set<String> worklistServices = Set.of(ServiceClass.WORKLIST, ServiceClass.MPPS);
        SortedSet<String> modality = evidence.uses(worklistServices, "SCU");
        SortedSet<String> imageScu = evidence.uses(Set.of(ServiceClass.STORAGE_IMAGE), "SCU");
        if (!imageScu.isEmpty() && !storageScp && !evidence.oneDevice.isEmpty()) {
            modality.addAll(imageScu);
            modality.addAll(evidence.oneDevice);
        }
        if (!modality.isEmpty()) {
            put(functions, MODALITY, modality);
        }
        // A workstation also receives and sends objects, so query/retrieve in either role rules a router out.
        if (storageScp && storageScu && !queryScp && !queryScu) {
            put(functions, ROUTER, evidence.uses(STORAGE, "SCP"), evidence.uses(STORAGE, "SCU"));
        } else if (!evidence.manyDevices.isEmpty() && !queryScp) {
            put(functions, ROUTER, evidence.manyDevices);
        }
    }

    @SafeVarargs
    private static void put(SortedMap<String, SortedSet<String>> functions, String function, Set<String>... parts) {
        SortedSet<String> all = functions.computeIfAbsent(function, ignored -> new TreeSet<>());
        for (Set<String> part : parts) {
            all.addAll(part);
        }
    }

    /** Evidence lines of one asset, by service use and by equipment consistency. */
    private static final class Evidence {
        private final TreeMap<ServiceUse, SortedSet<String>> lines = new TreeMap<>();
        final SortedSet<String> oneDevice = new TreeSet<>();
        final SortedSet<String> manyDevices = new TreeSet<>();

        void add(ApplicationEntity entity, ServiceUse use) {
            lines.computeIfAbsent(use, ignored -> new TreeSet<>())
                    .add(use.service() + " " + use.role() + " by " + describe(entity));
        }

        void addEquipment(ApplicationEntity entity) {
            EquipmentSummary summary = EquipmentSummary.of(entity.identity);
            if (summary == null) {
                return;
            }
            if (summary.consistent()) {
                oneDevice.add("objects from one station and manufacturer sent by " + describe(entity));
            } else {
                manyDevices.add("objects from " + summary.devices() + " stations or manufacturers sent by "
                        + describe(entity));
            }
        }

        SortedSet<String> uses(Set<String> services, String role) {
            SortedSet<String> found = new TreeSet<>();
            for (var entry : lines.entrySet()) {
                if (services.contains(entry.getKey().service()) && entry.getKey().role().equals(role)) {
                    found.addAll(entry.getValue());
                }
            }
            return found;
        }

        private static String describe(ApplicationEntity entity) {
            EntityKey key = entity.key();
            String title = key.aeTitle() == null ? "unknown AE" : "AE '" + key.aeTitle().value() + "'";
            return key.port() == null ? title + " (" + key.role() + ")"
                    : title + " (" + key.role() + " port " + key.port() + ")";
        }
    }
}
