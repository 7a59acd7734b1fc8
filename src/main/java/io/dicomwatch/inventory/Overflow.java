package io.dicomwatch.inventory;

/** Counts of what the inventory caps kept out. */
public final class Overflow {
    public long assetsDropped;
    public long associationsDropped;
    public long applicationEntitiesDropped;
    public long listValuesDropped;

    void add(Overflow other) {
        assetsDropped += other.assetsDropped;
        associationsDropped += other.associationsDropped;
        applicationEntitiesDropped += other.applicationEntitiesDropped;
        listValuesDropped += other.listValuesDropped;
    }

    public long total() {
        return assetsDropped + associationsDropped + applicationEntitiesDropped + listValuesDropped;
    }
}
