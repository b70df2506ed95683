package io.github.driftclaims.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The Clopper-Pearson interval is the exact binomial interval")
class ClopperPearsonTest {

    @ParameterizedTest(name = "{0} of {1}: [{2}, {3}]")
    @CsvSource({
        // Closed forms at the ends (1 - 0.025^(1/n)), and R's binom.test(k, n)$conf.int elsewhere.
        "0, 8, 0, 0.3694166",
        "8, 8, 0.6305834, 1",
        "4, 8, 0.1570128, 0.8429872",
        "6, 8, 0.3491442, 0.9681460",
        "1, 4, 0.006309463, 0.8058796",
        "3, 10, 0.06673951, 0.6524529",
        "0, 3, 0, 0.7075982",
        "1, 1, 0.025, 1",
    })
    @DisplayName("matches the known values to 1e-6")
    void knownValues(int k, int n, double lower, double upper) {
        ClopperPearson ci = ClopperPearson.of(k, n);
        assertThat(ci.lower()).isCloseTo(lower, within(1e-6));
        assertThat(ci.upper()).isCloseTo(upper, within(1e-6));
        assertThat(ci.lower()).isLessThanOrEqualTo(ci.share());
        assertThat(ci.upper()).isGreaterThanOrEqualTo(ci.share());
    }

    @Test
    @DisplayName("at its ends the tail probabilities are exactly half of 5%")
    void endsAreWhereTheTailsAre() {
        ClopperPearson ci = ClopperPearson.of(5, 12);
        assertThat(1 - ClopperPearson.cdf(4, 12, ci.lower())).isCloseTo(0.025, within(1e-12));
        assertThat(ClopperPearson.cdf(5, 12, ci.upper())).isCloseTo(0.025, within(1e-12));
    }

    @Test
    @DisplayName("a higher confidence gives a wider interval, and impossible counts are refused")
    void widerAndRefused() {
        assertThat(ClopperPearson.of(3, 8, 0.99).lower()).isLessThan(ClopperPearson.of(3, 8).lower());
        assertThat(ClopperPearson.of(3, 8, 0.99).upper()).isGreaterThan(ClopperPearson.of(3, 8).upper());
        assertThat(ClopperPearson.of(4, 8).text()).isEqualTo("[0.157, 0.843]");
        assertThatThrownBy(() -> ClopperPearson.of(9, 8)).hasMessageContaining("0 <= k <= n");
        assertThatThrownBy(() -> ClopperPearson.of(0, 0)).hasMessageContaining("n >= 1");
        assertThatThrownBy(() -> ClopperPearson.of(1, 2, 1.0)).hasMessageContaining("confidence");
    }
}
