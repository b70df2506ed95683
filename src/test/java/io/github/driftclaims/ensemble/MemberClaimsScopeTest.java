package io.github.driftclaims.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("-Densembles.claims names how much each member is judged on")
class MemberClaimsScopeTest {

    @Test
    @DisplayName("verify by default, all and all+martingale by name; anything else is refused with an excerpt")
    void parse() {
        assertThat(MemberClaims.Scope.parse(null)).isEqualTo(MemberClaims.Scope.VERIFY);
        assertThat(MemberClaims.Scope.parse("")).isEqualTo(MemberClaims.Scope.VERIFY);
        assertThat(MemberClaims.Scope.parse(" ALL ")).isEqualTo(MemberClaims.Scope.ALL);
        assertThat(MemberClaims.Scope.parse("all+martingale")).isEqualTo(MemberClaims.Scope.ALL_WITH_MARTINGALE);
        assertThatThrownBy(() -> MemberClaims.Scope.parse("everything\u001b[31m" + "x".repeat(100)))
                .hasMessageStartingWith("-Densembles.claims must be verify, all or all+martingale, not 'everything\\u001b")
                .hasMessageContaining("characters in all");
    }
}
