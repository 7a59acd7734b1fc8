package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import org.junit.jupiter.api.Test;

/** The function rules on hand-made entities, one device per test. */
class FunctionRulesTest {
    private final Inventory inventory = new Inventory(InventoryLimits.DEFAULTS);
    private final Asset asset = inventory.asset(IpAddress.parse("192.0.2.50"));

    private ApplicationEntity entity(String title, Role role, Integer port) {
        return inventory.entity(asset, new EntityKey(new AeTitle(title, false), role, port));
    }

    private static void use(ApplicationEntity entity, String service, String role) {
        entity.identity.service(new ServiceUse(service, role)).associations++;
    }

    private static void sent(ApplicationEntity entity, String manufacturer, String station) {
        entity.identity.addEquipment(new Equipment("CT", manufacturer, "M", station, null, null, null, null), 1, 16,
                new Overflow());
    }

    @Test
    void worklistClientIsModality() {
        use(entity("CT1", Role.SCU, null), ServiceClass.WORKLIST, "SCU");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.MODALITY);
    }

    @Test
    void mppsClientIsModality() {
        use(entity("CT1", Role.SCU, null), ServiceClass.MPPS, "SCU");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.MODALITY);
    }

    @Test
    void oneStationImageSenderIsModality() {
        ApplicationEntity scu = entity("US1", Role.SCU, null);
        use(scu, ServiceClass.STORAGE_IMAGE, "SCU");
        sent(scu, "ACME", "US-ROOM-3");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.MODALITY);
    }

    @Test
    void manyStationSenderIsRouter() {
        ApplicationEntity scu = entity("FWD", Role.SCU, null);
        use(scu, ServiceClass.STORAGE_IMAGE, "SCU");
        sent(scu, "ACME", "CT-1");
        sent(scu, "OTHER", "MR-2");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.ROUTER);
    }

    @Test
    void worklistProviderIsWorklist() {
        use(entity("RIS", Role.SCP, 104), ServiceClass.WORKLIST, "SCP");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.WORKLIST);
    }

    @Test
    void printerIsPrint() {
        use(entity("PRINTER", Role.SCP, 104), ServiceClass.PRINT, "SCP");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.PRINT);
    }

    @Test
    void storeAndQueryProviderIsArchive() {
        ApplicationEntity scp = entity("PACS", Role.SCP, 104);
        use(scp, ServiceClass.STORAGE_IMAGE, "SCP");
        use(scp, ServiceClass.QUERY_MOVE, "SCP");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.ARCHIVE);
    }

    @Test
    void viewerThatSendsBackIsOnlyWorkstation() {
        ApplicationEntity scu = entity("VIEWER", Role.SCU, null);
        use(scu, ServiceClass.QUERY_FIND, "SCU");
        use(scu, ServiceClass.STORAGE_OTHER, "SCU");
        use(entity("VIEWER", Role.SCP, 11112), ServiceClass.STORAGE_IMAGE, "SCP");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.WORKSTATION);
    }

    @Test
    void getReceiverIsNotArchive() {
        // A C-GET client plays the storage SCP inside its own association (role selection).
        ApplicationEntity scu = entity("GETTER", Role.SCU, null);
        use(scu, ServiceClass.QUERY_GET, "SCU");
        use(scu, ServiceClass.STORAGE_IMAGE, "SCP");
        assertThat(FunctionInference.infer(asset)).containsOnlyKeys(FunctionInference.WORKSTATION);
    }

    @Test
    void evidenceNamesEntity() {
        use(entity("RIS", Role.SCP, 104), ServiceClass.WORKLIST, "SCP");
        assertThat(FunctionInference.infer(asset).get(FunctionInference.WORKLIST))
                .containsExactly("worklist SCP by AE 'RIS' (SCP port 104)");
    }
}
