package io.dicomwatch.inventory;

/**
 * Utilisation of one application entity in one hour or day of capture time. The study sketch
 * lives in the state directory, never in the export; {@link #studies()} exports its count.
 */
final class UsageRow {
    long associations;
    long objectsStored;
    long bytes;
    /** Distinct studies loaded from an export, used when no sketch of this row survives in the state directory. */
    long loadedStudies;
    StudySketch sketch;

    void addStudy(long hash) {
        if (sketch == null) {
            sketch = new StudySketch();
        }
        sketch.add(hash);
    }

    long studies() {
        long counted = sketch == null ? 0 : sketch.estimate();
        return Math.max(counted, loadedStudies);
    }

    void merge(UsageRow other) {
        associations += other.associations;
        objectsStored += other.objectsStored;
        bytes += other.bytes;
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = new StudySketch();
            }
            sketch.merge(other.sketch);
        }
        // Without sketches the union of two counts is unknown; the larger is a lower bound.
        loadedStudies = Math.max(loadedStudies, other.loadedStudies);
    }
}
