package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AbortPdu;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.AssociateAcPdu;
import io.dicomwatch.dicom.AssociateRjPdu;
import io.dicomwatch.dicom.AssociateRqPdu;
import io.dicomwatch.dicom.AssociationEnd;
import io.dicomwatch.dicom.AssociationListener;
import io.dicomwatch.dicom.CommandField;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.KnownScpEndpoints;
import io.dicomwatch.dicom.ObservedAssociation;
import io.dicomwatch.dicom.PresentationContextAc;
import io.dicomwatch.dicom.PresentationContextRq;
import io.dicomwatch.dicom.StatusCategory;
import io.dicomwatch.dicom.StoredObjectSummary;
import io.dicomwatch.dicom.UserIdentityRq;
import io.dicomwatch.dicom.UserInformation;

/** Builds the {@link Inventory} from observed associations. */
public final class InventoryBuilder implements AssociationListener, KnownScpEndpoints {
    private final Inventory inventory;
    private final IdentityRecorder identity;

    /** Records and assets that one association updates, looked up once when it starts. */
    private static final class Binding {
        AssociationRecord record;
        Asset requestorAsset;
        Asset acceptorAsset;
        ApplicationEntity scu;
        ApplicationEntity scp;
        /**
         * Bytes of the association before its SCP entity existed: the A-ASSOCIATE-RQ and -AC,
         * which the SCP's utilisation gets when the acceptance creates it.
         */
        long bytesBeforeScp;
    }

    public InventoryBuilder(Inventory inventory) {
        this.inventory = inventory;
        this.identity = new IdentityRecorder(inventory);
    }

    public Inventory inventory() {
        return inventory;
    }

    @Override
    public boolean isKnownScp(IpAddress address, int port) {
        return inventory.isKnownScp(address, port);
    }

    private Binding bind(ObservedAssociation association, long timestampNanos) {
        Binding binding = new Binding();
        AssociationKey key = new AssociationKey(association.requestorAddress(), association.callingAeTitle(),
                association.acceptorAddress(), association.acceptorPort(), association.calledAeTitle());
        binding.record = inventory.association(key);
        binding.requestorAsset = touchAsset(association.requestorAddress(), association.requestorMac(),
                association, timestampNanos);
        association.listenerState = binding;
        if (binding.record != null) {
            binding.record.seen.touch(timestampNanos);
        }
        return binding;
    }

    private static Binding binding(ObservedAssociation association) {
        return (Binding) association.listenerState;
    }

    private Asset touchAsset(IpAddress ip, long mac, ObservedAssociation association, long timestampNanos) {
        Asset asset = inventory.asset(ip);
        if (asset == null) {
            return null;
        }
        asset.seen.touch(timestampNanos);
        inventory.addMacAddress(asset, mac);
        for (int vlan : association.connection().vlanIds()) {
            asset.vlanIds.add(vlan, inventory.limits().maxValuesPerList(), inventory.overflow());
        }
        return asset;
    }

    private ApplicationEntity entity(Asset asset, AeTitle title, Role role, Integer port, long timestampNanos) {
        if (asset == null) {
            return null;
        }
        ApplicationEntity entity = inventory.entity(asset, new EntityKey(title, role, port));
        if (entity != null) {
            entity.seen.touch(timestampNanos);
        }
        return entity;
    }

    private void addImplementation(ApplicationEntity entity, UserInformation userInformation, long timestampNanos) {
        Implementation implementation = new Implementation(userInformation.implementationClassUid(),
                userInformation.implementationVersionName());
        entity.addImplementation(implementation, timestampNanos, inventory.limits().maxValuesPerList(),
                inventory.overflow());
    }

    @Override
    public void onRequested(ObservedAssociation association, long timestampNanos) {
        Binding binding = bind(association, timestampNanos);
        AssociateRqPdu request = association.request();
        int cap = inventory.limits().maxValuesPerList();
        if (binding.record != null) {
            binding.record.requested++;
            UserIdentityRq identity = association.userIdentity();
            if (identity != null) {
                UserIdentitySummary summary = new UserIdentitySummary(UserIdentityRq.typeName(identity.type()),
                        identity.usernamePresent(), identity.positiveResponseRequested(), identity.username());
                binding.record.userIdentities.add(summary, cap, inventory.overflow());
            }
        }
        ApplicationEntity scu = entity(binding.requestorAsset, request.callingAeTitle(), Role.SCU, null,
                timestampNanos);
        binding.scu = scu;
        identity.onAssociation(scu, timestampNanos);
        if (scu == null) {
            return;
        }
        scu.associations++;
        addImplementation(scu, request.userInformation(), timestampNanos);
        for (PresentationContextRq context : request.presentationContexts()) {
            if (context.abstractSyntax() != null) {
                scu.sopClasses.add(context.abstractSyntax(), cap, inventory.overflow());
            }
            for (String transferSyntax : context.transferSyntaxes()) {
                scu.transferSyntaxes.add(transferSyntax, cap, inventory.overflow());
            }
        }
    }

    @Override
    public void onMidStreamDetected(ObservedAssociation association, long timestampNanos) {
        Binding binding = bind(association, timestampNanos);
        if (binding.record != null) {
            binding.record.joinedMidStream++;
        }
        binding.scu = entity(binding.requestorAsset, null, Role.SCU, null, timestampNanos);
        binding.acceptorAsset = touchAsset(association.acceptorAddress(), association.acceptorMac(), association,
                timestampNanos);
        binding.scp = entity(binding.acceptorAsset, null, Role.SCP, association.acceptorPort(), timestampNanos);
        if (binding.scp != null) {
            inventory.addScpEndpoint(association.acceptorAddress(), association.acceptorPort());
        }
        identity.onAssociation(binding.scu, timestampNanos);
        identity.onAssociation(binding.scp, timestampNanos);
    }

    @Override
    public void onAccepted(ObservedAssociation association, long timestampNanos) {
        Binding binding = binding(association);
        if (binding.record != null) {
            binding.record.accepted++;
            binding.record.seen.touch(timestampNanos);
        }
        binding.acceptorAsset = touchAsset(association.acceptorAddress(), association.acceptorMac(), association,
                timestampNanos);
        ApplicationEntity scp = entity(binding.acceptorAsset, association.calledAeTitle(), Role.SCP,
                association.acceptorPort(), timestampNanos);
        binding.scp = scp;
        identity.onAssociation(scp, timestampNanos);
        if (binding.bytesBeforeScp > 0) {
            identity.onBytes(null, scp, binding.bytesBeforeScp, timestampNanos);
            binding.bytesBeforeScp = 0;
        }
        identity.onAccepted(binding.scu, scp, association.request(), association.accept());
        if (scp == null) {
            return;
        }
        inventory.addScpEndpoint(association.acceptorAddress(), association.acceptorPort());
        scp.associations++;
        AssociateAcPdu accept = association.accept();
        addImplementation(scp, accept.userInformation(), timestampNanos);
        addAcceptedSyntaxes(scp, association.request(), accept);
    }

    /** Adds the SOP classes and transfer syntaxes of the accepted contexts, matched to the request by ID. */
    private void addAcceptedSyntaxes(ApplicationEntity scp, AssociateRqPdu request, AssociateAcPdu accept) {
        int cap = inventory.limits().maxValuesPerList();
        for (PresentationContextAc context : accept.presentationContexts()) {
            if (!context.accepted()) {
                continue;
            }
            String abstractSyntax = request == null ? null : request.abstractSyntaxOf(context.id());
            if (abstractSyntax != null) {
                scp.sopClasses.add(abstractSyntax, cap, inventory.overflow());
            }
            if (context.transferSyntax() != null) {
                scp.transferSyntaxes.add(context.transferSyntax(), cap, inventory.overflow());
            }
        }
    }

    @Override
    public void onRejected(ObservedAssociation association, AssociateRjPdu reject, long timestampNanos) {
        Binding binding = binding(association);
        if (binding.record != null) {
            binding.record.rejected++;
            binding.record.rejectReasons.increment(reject.reasonName());
            binding.record.seen.touch(timestampNanos);
        }
        touchAsset(association.acceptorAddress(), association.acceptorMac(), association, timestampNanos);
    }

    @Override
    public void onCommand(ObservedAssociation association, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos) {
        Binding binding = binding(association);
        identity.onCommand(binding.scu, binding.scp, command, fromRequestor, matchedRequest, timestampNanos);
        AssociationRecord record = binding.record;
        if (record == null) {
            return;
        }
        String name = CommandField.name(command.commandField());
        record.operations.increment(name != null ? name : "UNKNOWN");
        if (command.isResponse() && command.status() != null) {
            record.statuses.increment(StatusCategory.of(command.status()).key());
        }
        record.seen.touch(timestampNanos);
    }

    @Override
    public void onBytes(ObservedAssociation association, boolean fromRequestor, long bytes, long timestampNanos) {
        Binding binding = binding(association);
        identity.onBytes(binding.scu, binding.scp, bytes, timestampNanos);
        if (binding.scp == null) {
            binding.bytesBeforeScp += bytes;
        }
        AssociationRecord record = binding.record;
        if (record != null) {
            if (fromRequestor) {
                record.bytesClientToServer += bytes;
            } else {
                record.bytesServerToClient += bytes;
            }
            record.seen.touch(timestampNanos);
        }
        if (binding.requestorAsset != null) {
            binding.requestorAsset.seen.touch(timestampNanos);
        }
        if (binding.acceptorAsset != null) {
            binding.acceptorAsset.seen.touch(timestampNanos);
        }
    }

    @Override
    public void onStoredObject(ObservedAssociation association, DimseCommand request, boolean fromRequestor,
            StoredObjectSummary summary, long timestampNanos) {
        Binding binding = binding(association);
        identity.onStoredObject(binding.scu, binding.scp, fromRequestor, summary, timestampNanos);
    }

    @Override
    public void onEnded(ObservedAssociation association, AssociationEnd end, AbortPdu abort, long timestampNanos) {
        AssociationRecord record = binding(association).record;
        if (record == null) {
            return;
        }
        record.seen.touch(timestampNanos);
        switch (end) {
            case RELEASED -> record.released++;
            case ABORTED -> {
                record.aborted++;
                record.abortReasons.increment(abortReasonName(abort));
            }
            case CLOSED_WITHOUT_RELEASE -> record.closedWithoutRelease++;
            case NOT_OBSERVED -> {
                // Still open when the sensor stopped following it: nothing to count.
            }
        }
    }

    /**
     * Returns a key such as "service-provider/invalid-PDU-parameter-value" (PS3.8 section 9.3.8).
     * PS3.8 names reasons only for source 2, the service provider. The reason of a service-user
     * abort (source 0) is not significant, and source 1 is reserved, so its reason keeps its number.
     */
    static String abortReasonName(AbortPdu abort) {
        if (abort.source() == 0) {
            return "service-user";
        }
        if (abort.source() != 2) {
            return "source-" + abort.source() + "/reason-" + abort.reason();
        }
        String reason = switch (abort.reason()) {
            case 0 -> "reason-not-specified";
            case 1 -> "unrecognized-PDU";
            case 2 -> "unexpected-PDU";
            case 4 -> "unrecognized-PDU-parameter";
            case 5 -> "unexpected-PDU-parameter";
            case 6 -> "invalid-PDU-parameter-value";
            default -> "reason-" + abort.reason();
        };
        return "service-provider/" + reason;
    }
}
