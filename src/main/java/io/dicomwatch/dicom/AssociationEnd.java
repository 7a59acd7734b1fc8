package io.dicomwatch.dicom;

/** How an observed association ended. */
public enum AssociationEnd {
    /** A-RELEASE-RP seen, or A-RELEASE-RQ seen and the connection then closed normally. */
    RELEASED,
    /** A-ABORT from either side. */
    ABORTED,
    /** TCP FIN or RST with neither A-RELEASE nor A-ABORT. */
    CLOSED_WITHOUT_RELEASE,
    /** The sensor stopped following the connection (idle timeout, eviction, end of capture). */
    NOT_OBSERVED
}
