package io.github.driftclaims.ensemble;

import io.github.driftclaims.UserInputException;
import io.github.driftclaims.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} (1-based, as {@code -Dshard=2/3} reads): the members at positions index - 1,
 * index - 1 + count, ... of the registry's member list. The list's order is fixed (plan order, then seed), so every
 * machine cuts the same shards, each ensemble is spread over all of them (no shard gets only the slow 8-head
 * members), and the shards together hold every member exactly once.
 */
public record Shard(int index, int count) {

    /** The whole list in one shard: a run without {@code -Dshard}. */
    public static final Shard ALL = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new UserInputException("shard " + index + "/" + count + " does not exist: write i/n with "
                    + "1 <= i <= n, e.g. 1/2");
        }
    }

    /** {@code "i/n"}; null or blank is {@link #ALL}. */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new UserInputException("-Dshard must be i/n, e.g. 1/2, not " + Excerpt.of(text));
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isAll() {
        return count == 1;
    }

    /** This shard's part of {@code all}, in its order. */
    public <T> List<T> select(List<T> all) {
        List<T> out = new ArrayList<>();
        for (int i = index - 1; i < all.size(); i += count) {
            out.add(all.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
