package io.dicomwatch.inventory;

import io.dicomwatch.dicom.UidDictionary;

/**
 * Groups SOP classes into the services that tell what a node does (PS3.4 annexes), by their
 * PS3.6 keyword. Private and unknown SOP classes belong to no service.
 */
final class ServiceClass {
    static final String VERIFICATION = "verification";
    static final String STORAGE_IMAGE = "storage-image";
    static final String STORAGE_OTHER = "storage-other";
    static final String STORAGE_COMMITMENT = "storage-commitment";
    static final String QUERY_FIND = "query-find";
    static final String QUERY_MOVE = "query-move";
    static final String QUERY_GET = "query-get";
    static final String WORKLIST = "worklist";
    static final String MPPS = "mpps";
    static final String PRINT = "print";

    private ServiceClass() {
    }

    /** Returns the service of a SOP class UID, or null. */
    static String of(String sopClassUid) {
        String keyword = UidDictionary.keyword(sopClassUid);
        if (keyword == null) {
            return null;
        }
        if (keyword.equals("Verification")) {
            return VERIFICATION;
        }
        if (keyword.startsWith("StorageCommitment")) {
            return STORAGE_COMMITMENT;
        }
        if (keyword.equals("ModalityWorklistInformationModelFind")) {
            return WORKLIST;
        }
        if (keyword.startsWith("ModalityPerformedProcedureStep")) {
            return MPPS;
        }
        if (keyword.contains("QueryRetrieve") || keyword.startsWith("CompositeInstance")) {
            return retrieveService(keyword);
        }
        if (isPrint(keyword)) {
            return PRINT;
        }
        if (keyword.contains("ImageStorage")) {
            return STORAGE_IMAGE;
        }
        if (keyword.endsWith("Storage") || keyword.contains("StorageFor")) {
            return STORAGE_OTHER;
        }
        return null;
    }

    private static String retrieveService(String keyword) {
        if (keyword.endsWith("Find")) {
            return QUERY_FIND;
        }
        if (keyword.endsWith("Move")) {
            return QUERY_MOVE;
        }
        if (keyword.endsWith("Get")) {
            return QUERY_GET;
        }
        return null;
    }

    private static boolean isPrint(String keyword) {
        return keyword.endsWith("PrintManagementMeta") || keyword.startsWith("BasicFilm")
                || keyword.endsWith("ImageBox") || keyword.equals("Printer") || keyword.equals("PrintJob")
                || keyword.equals("PresentationLUT");
    }
}
