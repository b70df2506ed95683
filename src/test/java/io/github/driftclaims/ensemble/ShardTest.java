package io.github.driftclaims.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shards split the member list into disjoint parts that together hold every member once")
class ShardTest {

    @Test
    @DisplayName("i/n takes every n-th member from the i-th, and the shards' union is the list")
    void partition() {
        List<Integer> all = IntStream.range(0, 11).boxed().toList();
        assertThat(Shard.parse("1/2").select(all)).containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(Shard.parse("2/2").select(all)).containsExactly(1, 3, 5, 7, 9);
        for (int n = 1; n <= 5; n++) {
            List<Integer> union = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                union.addAll(new Shard(i, n).select(all));
            }
            assertThat(union).as("%d shards", n).containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(Shard.parse(null)).isEqualTo(Shard.ALL);
        assertThat(Shard.parse(" ").select(all)).isEqualTo(all);
    }

    @Test
    @DisplayName("a shard that does not exist or a malformed one is refused with the form to use")
    void refused() {
        for (String bad : new String[] {"0/2", "3/2", "1/0", "2", "a/b", "1/2/3", "-1/2"}) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1/2");
        }
    }
}
