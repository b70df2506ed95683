package io.github.driftclaims.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.driftclaims.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report's categories are decided by the failure's message (Allure matches each category's regex against
 * the whole message, in file order, the first match wins): a claim's verdict failure must land in its own
 * category and nothing else there, and every other failure in "Suite check failed".
 */
@DisplayName("The report's categories: a claim's verdict failure apart from every failed suite check")
class CategoriesTest {

    static final Path CATEGORIES = Path.of("src", "test", "resources", "allure", "categories.json");

    /** The first category that takes a failed test with this message, as Allure picks it. */
    static String categoryOf(String message) throws IOException {
        JsonArray categories = JsonParser.parseString(Files.readString(CATEGORIES)).getAsJsonArray();
        for (JsonElement e : categories) {
            JsonObject c = e.getAsJsonObject();
            List<String> statuses = new ArrayList<>();
            c.getAsJsonArray("matchedStatuses").forEach(s -> statuses.add(s.getAsString()));
            boolean regexMatches = !c.has("messageRegex")
                    || Pattern.compile(c.get("messageRegex").getAsString()).matcher(message).matches();
            if (statuses.contains("failed") && regexMatches) {
                return c.get("name").getAsString();
            }
        }
        return "none";
    }

    @Test
    @DisplayName("a verdict that differs from the expected one is filed as such, with the message ClaimRecord writes")
    void claimVerdictFailure() throws IOException {
        Throwable t = catchThrowable(() -> assertThat(Verdict.REFUTED).as(ClaimRecord.VERDICT_MESSAGE, 4,
                "drift 0.0022 vs material 0.1", "hypothesis: trained on a mixture where copying and counting compete")
                .isEqualTo(Verdict.REPRODUCED));
        assertThat(categoryOf(t.getMessage())).isEqualTo("Claim verdict differs from the expected one");
    }

    @Test
    @DisplayName("the README comparison, the regression gate and a golden failing are suite checks, never a refuted claim")
    void suiteCheckFailures() throws IOException {
        Throwable readme = catchThrowable(() -> assertThat("| 4 drift | partly |")
                .as("README's verdict tables are the generated ones (copy the verdicts from %s)", "reports/verdicts.md")
                .isEqualTo("| 4 drift | reproduced |"));
        Throwable gate = catchThrowable(() -> assertThat(List.of("baseline.drift")).as("numbers that moved against %s",
                "expected-claims.json").isEmpty());
        Throwable golden = catchThrowable(() -> assertThat(0.5).as("logit 3 of the golden forward").isEqualTo(0.6));
        for (Throwable t : List.of(readme, gate, golden)) {
            assertThat(categoryOf(t.getMessage())).as(t.getMessage()).isEqualTo("Suite check failed");
        }
    }
}
