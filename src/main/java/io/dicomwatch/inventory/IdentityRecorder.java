package io.dicomwatch.inventory;

import io.dicomwatch.dicom.AssociateAcPdu;
import io.dicomwatch.dicom.AssociateRqPdu;
import io.dicomwatch.dicom.CommandField;
import io.dicomwatch.dicom.DimseCommand;
import io.dicomwatch.dicom.PresentationContextAc;
import io.dicomwatch.dicom.RoleSelection;
import io.dicomwatch.dicom.StatusCategory;
import io.dicomwatch.dicom.StoredObjectSummary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records device identity, services and utilisation for {@link InventoryBuilder}: one call per
 * association event, on the entities of the requestor (SCU) and acceptor (SCP), either of which
 * may be null when unknown or capped out.
 */
final class IdentityRecorder {
    private static final String SCU = "SCU";
    private static final String SCP = "SCP";

    private final Inventory inventory;

    IdentityRecorder(Inventory inventory) {
        this.inventory = inventory;
    }

    void onAssociation(ApplicationEntity entity, long timestampNanos) {
        if (entity != null) {
            entity.identity.hour(timestampNanos).associations++;
        }
    }

    /** Counts the services of the accepted presentation contexts, with role selection applied. */
    void onAccepted(ApplicationEntity scu, ApplicationEntity scp, AssociateRqPdu request, AssociateAcPdu accept) {
        if (request == null) {
            return;
        }
        Set<ServiceUse> requestorUses = new HashSet<>();
        Set<ServiceUse> acceptorUses = new HashSet<>();
        for (PresentationContextAc context : accept.presentationContexts()) {
            String sopClass = context.accepted() ? request.abstractSyntaxOf(context.id()) : null;
            String service = ServiceClass.of(sopClass);
            if (service == null) {
                continue;
            }
            RoleSelection selection = roleSelection(accept, sopClass);
            boolean requestorScu = selection == null || selection.scuRole() == 1;
            boolean requestorScp = selection != null && selection.scpRole() == 1;
            if (requestorScu) {
                requestorUses.add(new ServiceUse(service, SCU));
                acceptorUses.add(new ServiceUse(service, SCP));
            }
            if (requestorScp) {
                requestorUses.add(new ServiceUse(service, SCP));
                acceptorUses.add(new ServiceUse(service, SCU));
            }
        }
        countAssociations(scu, requestorUses);
        countAssociations(scp, acceptorUses);
    }

    private static RoleSelection roleSelection(AssociateAcPdu accept, String sopClass) {
        for (RoleSelection selection : accept.userInformation().roleSelections()) {
            if (sopClass.equals(selection.sopClassUid())) {
                return selection;
            }
        }
        return null;
    }

    private static void countAssociations(ApplicationEntity entity, Set<ServiceUse> uses) {
        if (entity == null) {
            return;
        }
        for (ServiceUse use : uses) {
            entity.identity.service(use).associations++;
        }
    }

    /**
     * Counts a request for its sender and receiver, and a successful C-STORE for both. An
     * N-EVENT-REPORT request comes from the SCP of its service (PS3.7 section 10.1.1); every other
     * request comes from the SCU. A C-CANCEL-RQ only stops a request already counted, so it
     * counts as none, also when it carries an Affected SOP Class UID as dcmjs-dimse 0.3.3 sends.
     */
    void onCommand(ApplicationEntity scu, ApplicationEntity scp, DimseCommand command, boolean fromRequestor,
            DimseCommand matchedRequest, long timestampNanos) {
        ApplicationEntity sender = fromRequestor ? scu : scp;
        ApplicationEntity receiver = fromRequestor ? scp : scu;
        if (command.commandField() == CommandField.C_CANCEL_RQ) {
            return;
        }
        if (!command.isResponse()) {
            String service = ServiceClass.of(command.sopClassUid());
            if (service == null) {
                return;
            }
            boolean senderIsScp = command.commandField() == CommandField.N_EVENT_REPORT_RQ;
            countRequest(sender, new ServiceUse(service, senderIsScp ? SCP : SCU));
            countRequest(receiver, new ServiceUse(service, senderIsScp ? SCU : SCP));
            return;
        }
        if (command.commandField() == CommandField.C_STORE_RSP && matchedRequest != null && isStored(command)) {
            // Both ends took part in the stored object: the SCU that sent it and the SCP that stored it.
            countStored(sender, timestampNanos);
            countStored(receiver, timestampNanos);
        }
    }

    /** Success and warning statuses both mean the object was stored (PS3.4 B.2.3). */
    private static boolean isStored(DimseCommand response) {
        if (response.status() == null) {
            return false;
        }
        StatusCategory category = StatusCategory.of(response.status());
        return category == StatusCategory.SUCCESS || category == StatusCategory.WARNING;
    }

    private static void countRequest(ApplicationEntity entity, ServiceUse use) {
        if (entity != null) {
            entity.identity.service(use).requests++;
        }
    }

    private static void countStored(ApplicationEntity entity, long timestampNanos) {
        if (entity != null) {
            entity.identity.hour(timestampNanos).objectsStored++;
        }
    }

    void onBytes(ApplicationEntity scu, ApplicationEntity scp, long bytes, long timestampNanos) {
        if (scu != null) {
            scu.identity.hour(timestampNanos).bytes += bytes;
        }
        if (scp != null) {
            scp.identity.hour(timestampNanos).bytes += bytes;
        }
    }

    /** Keeps the sender's equipment attributes and counts the study for both ends. */
    void onStoredObject(ApplicationEntity scu, ApplicationEntity scp, boolean fromRequestor,
            StoredObjectSummary summary, long timestampNanos) {
        ApplicationEntity sender = fromRequestor ? scu : scp;
        if (sender != null && summary.hasEquipment()) {
            Equipment equipment = new Equipment(summary.modality(), summary.manufacturer(),
                    summary.manufacturerModelName(), summary.stationName(), summary.softwareVersions(),
                    summary.deviceSerialNumber(), summary.institutionName(), summary.institutionalDepartmentName());
            sender.identity.addEquipment(equipment, timestampNanos, inventory.limits().maxValuesPerList(),
                    inventory.overflow());
        }
        StudyHasher hasher = inventory.identitySettings().studyHasher();
        if (hasher == null || summary.studyInstanceUidLength() == 0) {
            return;
        }
        long hash = hasher.hash(summary.studyInstanceUidBytes(), 0, summary.studyInstanceUidLength());
        if (scu != null) {
            scu.identity.hour(timestampNanos).addStudy(hash);
        }
        if (scp != null) {
            scp.identity.hour(timestampNanos).addStudy(hash);
        }
    }
}
