package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every ordering of a count of X and Y")
class StimulusOrderingsTest {

    @Test
    @DisplayName("C(n, nX) distinct orderings, each of the count; 3X/3Y is claim 28's twenty in the same order")
    void everyOrderingOnce() {
        assertThat(Stimulus.allOrderings(3, 3)).isEqualTo(Stimulus.allOrderingsOf3X3Y());
        assertThat(Stimulus.allOrderings(4, 1)).extracting(Stimulus::name)
                .containsExactly("XXXXY", "XXXYX", "XXYXX", "XYXXX", "YXXXX");
        assertThat(Stimulus.allOrderings(5, 5)).hasSize(252).doesNotHaveDuplicates()
                .allMatch(s -> s.nX() == 5 && s.nY() == 5);
        assertThat(OrderingsDrift.LATER_COUNTS).extracting(OrderingsDrift.Count::toString)
                .containsExactly("4X/1Y", "1X/9Y", "2X/8Y", "3X/7Y", "4X/6Y", "5X/5Y", "6X/4Y", "7X/3Y", "8X/2Y", "9X/1Y");
        assertThatThrownBy(() -> Stimulus.allOrderings(-1, 3)).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> Stimulus.allOrderings(9, 9)).hasMessageContaining("1 to 16");
    }
}
