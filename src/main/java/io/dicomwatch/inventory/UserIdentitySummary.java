package io.dicomwatch.inventory;

import java.util.Comparator;

/**
 * What the inventory keeps of a user identity negotiation: never the passcode, ticket, assertion,
 * token or server response.
 *
 * @param type the PS3.7 type name, such as USERNAME_AND_PASSCODE
 * @param username null unless the keep-usernames setting is on
 */
public record UserIdentitySummary(String type, boolean usernamePresent, boolean positiveResponseRequested,
        String username) implements Comparable<UserIdentitySummary> {

    private static final Comparator<UserIdentitySummary> ORDER = Comparator
            .comparing(UserIdentitySummary::type)
            .thenComparing(UserIdentitySummary::usernamePresent)
            .thenComparing(UserIdentitySummary::positiveResponseRequested)
            .thenComparing(UserIdentitySummary::username, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    public int compareTo(UserIdentitySummary other) {
        return ORDER.compare(this, other);
    }
}
