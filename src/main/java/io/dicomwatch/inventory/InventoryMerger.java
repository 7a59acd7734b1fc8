package io.dicomwatch.inventory;

import java.util.Map;

/** Adds one inventory into another, for --merge and for a sensor that restarts on its own output. */
final class InventoryMerger {
    private InventoryMerger() {
    }

    static void merge(Inventory target, Inventory source) {
        InventoryLimits limits = target.limits();
        Overflow overflow = target.overflow();
        for (Asset from : source.assets()) {
            Asset to = target.asset(from.ip());
            if (to == null) {
                continue;
            }
            to.seen.merge(from.seen);
            for (Long mac : from.macAddresses.values()) {
                target.addMacAddress(to, mac);
            }
            for (Integer vlan : from.vlanIds.values()) {
                to.vlanIds.add(vlan, limits.maxValuesPerList(), overflow);
            }
            for (ApplicationEntity entity : from.entities.values()) {
                mergeEntity(target, to, entity);
            }
        }
        for (AssociationRecord from : source.associations()) {
            AssociationRecord to = target.association(from.key());
            if (to != null) {
                mergeAssociation(to, from, limits, overflow);
            }
        }
        target.findings().merge(source.findings());
        overflow.add(source.overflow());
        target.baselineStatistics().merge(source.statistics());
        target.capture.merge(source.capture);
    }

    private static void mergeEntity(Inventory target, Asset asset, ApplicationEntity from) {
        InventoryLimits limits = target.limits();
        Overflow overflow = target.overflow();
        ApplicationEntity to = target.entity(asset, from.key());
        if (to == null) {
            return;
        }
        to.seen.merge(from.seen);
        to.associations += from.associations;
        for (Map.Entry<Implementation, SeenInterval> implementation : from.implementations.entrySet()) {
            SeenInterval interval = implementation.getValue();
            to.addImplementation(implementation.getKey(), interval.firstSeen, limits.maxValuesPerList(), overflow);
            to.addImplementation(implementation.getKey(), interval.lastSeen, limits.maxValuesPerList(), overflow);
        }
        for (String uid : from.sopClasses.values()) {
            to.sopClasses.add(uid, limits.maxValuesPerList(), overflow);
        }
        for (String uid : from.transferSyntaxes.values()) {
            to.transferSyntaxes.add(uid, limits.maxValuesPerList(), overflow);
        }
        to.identity.merge(from.identity, limits.maxValuesPerList(), overflow);
        if (to.key().role() == Role.SCP && to.key().port() != null) {
            target.addScpEndpoint(asset.ip(), to.key().port());
        }
    }

    private static void mergeAssociation(AssociationRecord to, AssociationRecord from, InventoryLimits limits,
            Overflow overflow) {
        to.seen.merge(from.seen);
        to.requested += from.requested;
        to.accepted += from.accepted;
        to.rejected += from.rejected;
        to.released += from.released;
        to.aborted += from.aborted;
        to.closedWithoutRelease += from.closedWithoutRelease;
        to.joinedMidStream += from.joinedMidStream;
        to.bytesClientToServer += from.bytesClientToServer;
        to.bytesServerToClient += from.bytesServerToClient;
        to.rejectReasons.addAll(from.rejectReasons);
        to.abortReasons.addAll(from.abortReasons);
        to.operations.addAll(from.operations);
        to.statuses.addAll(from.statuses);
        for (UserIdentitySummary identity : from.userIdentities.values()) {
            to.userIdentities.add(identity, limits.maxValuesPerList(), overflow);
        }
    }
}
