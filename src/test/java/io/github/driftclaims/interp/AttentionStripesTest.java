package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attention stripes, on hand-made patterns")
class AttentionStripesTest {

    static final List<String> PATTERNED = List.of("BOS", "Sequence", ":", " X", " Y", " X", " Y", " X", " Y");
    static final List<String> CLUMPED = List.of("BOS", "Sequence", ":", " X", " X", " X", " Y", " Y", " Y");

    /** One layer-1 head with weight w on key k for query q, the rest uniform; layer 0 attends to q-1. */
    static AttentionPatterns patterns(List<String> tokens, int[][] stripe) {
        int t = tokens.size();
        float[][][][] p = new float[2][1][t][t];
        for (int q = 0; q < t; q++) {
            p[0][0][q][Math.max(0, q - 1)] = 1f;
            for (int k = 0; k <= q; k++) {
                p[1][0][q][k] = 1f / (q + 1);
            }
        }
        for (int[] qk : stripe) {
            java.util.Arrays.fill(p[1][0][qk[0]], 0f);
            p[1][0][qk[0]][qk[1]] = 1f;
        }
        return new AttentionPatterns("test", tokens, p);
    }

    @Test
    @DisplayName("on X Y X Y X Y the induction stripe is q -> q - 1 for q = 5..8, and a perfect head scores 1")
    void patterned() {
        AttentionStripes s = AttentionStripes.of(List.of(patterns(PATTERNED, new int[][] {{5, 4}, {6, 5}, {7, 6}, {8, 7}})), 6);
        assertThat(s.inductionQueries()).isEqualTo(4);
        assertThat(s.induction()[1][0]).isEqualTo(1.0);
        assertThat(s.previousToken()[0][0]).isEqualTo(1.0);
        assertThat(s.bestInduction(1)).isEqualTo(new Head(1, 0));
    }

    @Test
    @DisplayName("on X X X Y Y Y no query is counted: its stripe is the query itself")
    void clumpedCountsNothing() {
        AttentionStripes s = AttentionStripes.of(List.of(patterns(CLUMPED, new int[0][])), 6);
        assertThat(s.inductionQueries()).isZero();
        assertThat(s.induction()[1][0]).isZero();
    }

    @Test
    @DisplayName("a uniform head scores the mean of 1/(q+1) over the counted queries")
    void uniform() {
        AttentionStripes s = AttentionStripes.of(List.of(patterns(PATTERNED, new int[0][])), 6);
        double expected = (1.0 / 6 + 1.0 / 7 + 1.0 / 8 + 1.0 / 9) / 4;
        assertThat(s.induction()[1][0]).isCloseTo(expected, within(1e-7));
        assertThat(s.previousToken()[1][0]).as("previous position under uniform attention")
                .isCloseTo((1.0 / 4 + 1.0 / 5 + 1.0 / 6 + 1.0 / 7 + 1.0 / 8 + 1.0 / 9) / 6, within(1e-7));
    }

    @Test
    @DisplayName("the most recent previous occurrence is the one that counts")
    void mostRecent() {
        assertThat(AttentionStripes.previousOccurrence(PATTERNED, 3, 7)).isEqualTo(5);
        assertThat(AttentionStripes.previousOccurrence(PATTERNED, 3, 4)).isEqualTo(2);
        assertThat(AttentionStripes.previousOccurrence(CLUMPED, 3, 6)).isEqualTo(2);
    }

    static final List<String> REPEATED = List.of("BOS", "Sequence", ":", " A", " B", " C", " A", " B", " C", " A");

    @Test
    @DisplayName("claim 5's count: on X Y X Y X Y no query has its induction key apart from the previous token, and "
            + "the previous-token stripe skips the queries where the two coincide (a previous-token head scores 0 on "
            + "the induction stripe, not 1)")
    void distinctKeysOnPatterned() {
        AttentionStripes s = AttentionStripes.distinctKeys(List.of(patterns(PATTERNED, new int[][] {{5, 4}, {6, 5},
                {7, 6}, {8, 7}})), 6, 2);
        assertThat(s.inductionQueries()).isZero();
        assertThat(s.induction()[1][0]).isZero();
        assertThat(s.previousToken()[0][0]).as("the two queries with no previous occurrence").isEqualTo(1.0);
        assertThat(s.letters()).isEqualTo(2);
        assertThat(AttentionStripes.of(List.of(patterns(PATTERNED, new int[0][])), 6).letters()).isEqualTo(2);
    }

    @Test
    @DisplayName("claim 5's count: on A B C A B C A every query of the repeat has its key 2 back; an induction head "
            + "scores 1 there and a previous-token head 0")
    void distinctKeysOnRepeats() {
        // queries 6..9 ( A B C A after the first period): keys 4, 5, 6, 7
        AttentionStripes s = AttentionStripes.distinctKeys(List.of(patterns(REPEATED, new int[][] {{6, 4}, {7, 5},
                {8, 6}, {9, 7}})), 7, 3);
        assertThat(s.inductionQueries()).isEqualTo(4);
        assertThat(s.induction()[1][0]).isEqualTo(1.0);
        assertThat(s.induction()[0][0]).as("layer 0 attends to q - 1 only").isZero();
        assertThat(s.previousToken()[0][0]).isEqualTo(1.0);
        assertThat(s.previousToken()[1][0]).as("the induction head, on the previous position: uniform in the first "
                + "period, 0 in the repeat").isCloseTo((1.0 / 4 + 1.0 / 5 + 1.0 / 6) / 7, within(1e-7));
    }

    @Test
    @DisplayName("claim 5's sequences: the notebook's prefix, then 3-8 distinct letters repeated, seeded")
    void repeatedSequences() {
        int[] pool = java.util.stream.IntStream.range(100, 126).toArray();
        List<int[]> seqs = RepeatedSequences.sequences(new int[] {0, 1, 2}, pool, RepeatedSequences.SYMBOLS);
        assertThat(seqs).hasSize(RepeatedSequences.SEQUENCES);
        int queries = 0;
        java.util.Set<Integer> periods = new java.util.HashSet<>();
        for (int[] t : seqs) {
            assertThat(t).hasSize(3 + RepeatedSequences.SYMBOLS).startsWith(0, 1, 2);
            int period = 1;
            while (t[3 + period] != t[3]) {
                period++;
            }
            periods.add(period);
            assertThat(period).isBetween(RepeatedSequences.MIN_PERIOD, RepeatedSequences.MAX_PERIOD);
            assertThat(java.util.Arrays.stream(t, 3, 3 + period).distinct().count()).isEqualTo(period);
            for (int i = 3 + period; i < t.length; i++) {
                assertThat(t[i]).isEqualTo(t[i - period]);
            }
            queries += RepeatedSequences.SYMBOLS - period;
        }
        assertThat(periods).as("the periods vary").hasSizeGreaterThan(3);
        assertThat(queries).isGreaterThanOrEqualTo(io.github.driftclaims.verdict.Thresholds.STRIPE_QUERIES);
        assertThat(RepeatedSequences.sequences(new int[] {0, 1, 2}, pool, RepeatedSequences.SYMBOLS).get(5))
                .as("seeded").isEqualTo(seqs.get(5));
        assertThat(RepeatedSequences.sequences(new int[] {0}, new int[] {7, 8, 9}, 12)).allSatisfy(t ->
                assertThat(java.util.Arrays.stream(t, 1, 4).distinct().count()).isEqualTo(3));
    }
}
