package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.ObservedAssociation;
import io.dicomwatch.dicom.PresentationContextRq;

/** What the rules know about one association while it lasts, computed once when it starts. */
public final class AssociationFacts {
    static final String VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1";

    final ObservedAssociation association;
    final boolean requestorOutside;
    final boolean acceptorOutside;
    final boolean requestorInternal;
    final boolean acceptorInternal;
    final boolean verificationOnly;
    boolean accepted;
    boolean dataExchanged;

    AssociationFacts(ObservedAssociation association, NetworkPolicy policy) {
        this.association = association;
        this.requestorOutside = policy.isOutside(association.requestorAddress());
        this.acceptorOutside = policy.isOutside(association.acceptorAddress());
        this.requestorInternal = policy.isInternal(association.requestorAddress());
        this.acceptorInternal = policy.isInternal(association.acceptorAddress());
        this.verificationOnly = isVerificationOnly(association);
    }

    /** Whether every proposed presentation context is for Verification (C-ECHO) alone. */
    static boolean isVerificationOnly(ObservedAssociation association) {
        if (association.request() == null || association.request().presentationContexts().isEmpty()) {
            return false;
        }
        for (PresentationContextRq context : association.request().presentationContexts()) {
            if (!VERIFICATION_SOP_CLASS.equals(context.abstractSyntax())) {
                return false;
            }
        }
        return true;
    }

    IpAddress requestor() {
        return association.requestorAddress();
    }

    IpAddress acceptor() {
        return association.acceptorAddress();
    }

    int port() {
        return association.acceptorPort();
    }

    AeTitle calling() {
        return association.callingAeTitle();
    }

    AeTitle called() {
        return association.calledAeTitle();
    }

    /** Whether one side is outside and the other internal: the association crosses the boundary. */
    boolean crossesBoundary() {
        return (requestorOutside && acceptorInternal) || (acceptorOutside && requestorInternal);
    }

    /** Returns "IP" or "[IPv6]" followed by ":port". */
    static String endpoint(IpAddress address, int port) {
        return (address.isIpv4() ? address.toString() : "[" + address + "]") + ":" + port;
    }

    /** Returns the address of an {@link #endpoint} text, or null when the text is not one. */
    static IpAddress endpointAddress(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return parseAddress(host);
    }

    /** Returns the address that {@code text} spells, or null when it spells none. */
    static IpAddress parseAddress(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Describes the association in one line, such as {@code 203.0.113.5:40000 "ECHOSCU" -> 192.0.2.20:104 "PACS"}. */
    String describe(String outcome) {
        return endpoint(requestor(), association.requestorPort()) + " " + quote(calling()) + " -> "
                + endpoint(acceptor(), port()) + " " + quote(called()) + ", " + outcome;
    }

    static String quote(AeTitle title) {
        return title == null ? "(unknown AE title)" : "\"" + title.value() + "\"";
    }
}
