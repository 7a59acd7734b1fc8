package io.dicomwatch.inventory;

/** Aggregated counts of every association with one {@link AssociationKey}. */
public final class AssociationRecord {
    static final String[] STATUS_KEYS = {"success", "warning", "failure", "pending", "cancel"};

    private final AssociationKey key;
    final SeenInterval seen = new SeenInterval();
    long requested;
    long accepted;
    long rejected;
    long released;
    long aborted;
    long closedWithoutRelease;
    /** Associations joined after their A-ASSOCIATE-RQ, so neither requested nor accepted was seen. */
    long joinedMidStream;
    long bytesClientToServer;
    long bytesServerToClient;
    final CountMap rejectReasons = new CountMap();
    final CountMap abortReasons = new CountMap();
    final CountMap operations = new CountMap();
    final CountMap statuses = new CountMap();
    final BoundedSet<UserIdentitySummary> userIdentities = new BoundedSet<>();

    AssociationRecord(AssociationKey key) {
        this.key = key;
    }

    public AssociationKey key() {
        return key;
    }

    public boolean midStream() {
        return key.callingAeTitle() == null;
    }

    public long requested() {
        return requested;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long released() {
        return released;
    }

    public long aborted() {
        return aborted;
    }

    public long closedWithoutRelease() {
        return closedWithoutRelease;
    }

    /** Returns how often an A-ASSOCIATE-RJ gave {@code reasonName}, such as "called-AE-title-not-recognized". */
    public long rejectReasons(String reasonName) {
        return rejectReasons.get(reasonName);
    }

    public long operations(String messageName) {
        return operations.get(messageName);
    }

    public long statuses(String category) {
        return statuses.get(category);
    }

    public long bytesClientToServer() {
        return bytesClientToServer;
    }

    public long bytesServerToClient() {
        return bytesServerToClient;
    }
}
