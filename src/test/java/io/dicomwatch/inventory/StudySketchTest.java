package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StudySketchTest {
    private static StudySketch sketchOf(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        StudySketch sketch = new StudySketch();
        for (int i = 0; i < count; i++) {
            sketch.add(random.nextLong());
        }
        return sketch;
    }

    @Test
    void smallCountIsExact() {
        StudySketch sketch = new StudySketch();
        sketch.add(5);
        sketch.add(5);
        sketch.add(-7);
        assertThat(sketch.estimate()).isEqualTo(2);
    }

    @Test
    void largeCountIsWithinFivePercent() {
        assertThat((double) sketchOf(1, 100_000).estimate()).isCloseTo(100_000, within(5_000.0));
    }

    @Test
    void countJustPastExactLimitIsClose() {
        int count = StudySketch.EXACT_LIMIT + 50;
        assertThat((double) sketchOf(2, count).estimate()).isCloseTo(count, within(count * 0.05));
    }

    @Test
    void mergeOfSameHashesDoesNotGrow() {
        StudySketch first = sketchOf(3, 1_000);
        long before = first.estimate();
        first.merge(sketchOf(3, 1_000));
        assertThat(first.estimate()).isEqualTo(before);
    }

    @Test
    void mergeOfDisjointHashesAdds() {
        StudySketch first = sketchOf(4, 20);
        first.merge(sketchOf(5, 30));
        assertThat(first.estimate()).isEqualTo(50);
    }

    @Test
    void writeThenReadKeepsEstimate() throws IOException {
        for (int count : new int[] {3, 10_000}) {
            StudySketch sketch = sketchOf(6, count);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            sketch.write(new DataOutputStream(bytes));
            StudySketch read = StudySketch.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(read.estimate()).as("count %d", count).isEqualTo(sketch.estimate());
        }
    }
}
