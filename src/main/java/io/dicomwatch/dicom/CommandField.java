package io.dicomwatch.dicom;

/** Command Field (0000,0100) values of PS3.7 Annex E and their message names. */
public final class CommandField {
    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_GET_RSP = 0x8010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_MOVE_RSP = 0x8021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int N_EVENT_REPORT_RQ = 0x0100;
    public static final int N_EVENT_REPORT_RSP = 0x8100;
    public static final int N_GET_RQ = 0x0110;
    public static final int N_GET_RSP = 0x8110;
    public static final int N_SET_RQ = 0x0120;
    public static final int N_SET_RSP = 0x8120;
    public static final int N_ACTION_RQ = 0x0130;
    public static final int N_ACTION_RSP = 0x8130;
    public static final int N_CREATE_RQ = 0x0140;
    public static final int N_CREATE_RSP = 0x8140;
    public static final int N_DELETE_RQ = 0x0150;
    public static final int N_DELETE_RSP = 0x8150;
    public static final int C_CANCEL_RQ = 0x0FFF;
    /** Bit that every response sets on the command field of its request. */
    public static final int RESPONSE_BIT = 0x8000;

    private CommandField() {
    }

    /** Returns the message name, such as "C-STORE-RQ", or null for a value PS3.7 does not define. */
    public static String name(int commandField) {
        return switch (commandField) {
            case C_STORE_RQ -> "C-STORE-RQ";
            case C_STORE_RSP -> "C-STORE-RSP";
            case C_GET_RQ -> "C-GET-RQ";
            case C_GET_RSP -> "C-GET-RSP";
            case C_FIND_RQ -> "C-FIND-RQ";
            case C_FIND_RSP -> "C-FIND-RSP";
            case C_MOVE_RQ -> "C-MOVE-RQ";
            case C_MOVE_RSP -> "C-MOVE-RSP";
            case C_ECHO_RQ -> "C-ECHO-RQ";
            case C_ECHO_RSP -> "C-ECHO-RSP";
            case N_EVENT_REPORT_RQ -> "N-EVENT-REPORT-RQ";
            case N_EVENT_REPORT_RSP -> "N-EVENT-REPORT-RSP";
            case N_GET_RQ -> "N-GET-RQ";
            case N_GET_RSP -> "N-GET-RSP";
            case N_SET_RQ -> "N-SET-RQ";
            case N_SET_RSP -> "N-SET-RSP";
            case N_ACTION_RQ -> "N-ACTION-RQ";
            case N_ACTION_RSP -> "N-ACTION-RSP";
            case N_CREATE_RQ -> "N-CREATE-RQ";
            case N_CREATE_RSP -> "N-CREATE-RSP";
            case N_DELETE_RQ -> "N-DELETE-RQ";
            case N_DELETE_RSP -> "N-DELETE-RSP";
            case C_CANCEL_RQ -> "C-CANCEL-RQ";
            default -> null;
        };
    }
}
