package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UtilisationRollUpTest {
    private static final long HOUR = EntityIdentity.HOUR_NANOS;
    private static final long DAY = EntityIdentity.DAY_NANOS;
    private static final long START = 20_000 * DAY;

    private static EntityIdentity identityWithHours(long... hourOffsets) {
        EntityIdentity identity = new EntityIdentity();
        for (long offset : hourOffsets) {
            UsageRow row = identity.hour(START + offset * HOUR);
            row.associations++;
            row.addStudy(offset % 2);
        }
        return identity;
    }

    @Test
    void oldHoursMoveIntoTheirDay() {
        EntityIdentity identity = identityWithHours(1, 2, 30);
        identity.rollUp(START + 25 * HOUR);
        assertThat(identity.hours).containsOnlyKeys(START + 30 * HOUR);
        assertThat(identity.days).containsOnlyKeys(START);
    }

    @Test
    void rolledUpHourIsNotReused() {
        EntityIdentity identity = identityWithHours(1);
        identity.rollUp(START + 25 * HOUR);
        identity.hour(START + HOUR).associations++;
        assertThat(identity.hours).containsOnlyKeys(START + HOUR);
        assertThat(identity.hours.get(START + HOUR).associations).isEqualTo(1);
        assertThat(identity.days.get(START).associations).isEqualTo(1);
    }

    @Test
    void dayRowSumsCounts() {
        EntityIdentity identity = identityWithHours(1, 2, 30);
        identity.rollUp(START + 25 * HOUR);
        assertThat(identity.days.get(START).associations).isEqualTo(2);
    }

    @Test
    void dayRowUnitesStudies() {
        EntityIdentity identity = identityWithHours(1, 3, 5);
        identity.rollUp(START + 25 * HOUR);
        assertThat(identity.days.get(START).studies()).isEqualTo(1);
    }
}
