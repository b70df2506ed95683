package io.github.driftclaims;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Run after the report, on the results it was made from (-Dreport.results, set by the pom): every test is filed
 * under exactly one of the two top-level groups of {@link ReportGroups}, and every test that decided a claim
 * (it carries the claim label the verdict page links by) is under Claims.
 */
@DisplayName("The report files every test under Claims or Suite checks, and every decided claim under Claims")
class ReportGroupsReportIT {

    record Result(String name, List<String> epics, boolean decidesClaim) {}

    static List<Result> results() throws IOException {
        String dir = System.getProperty("report.results");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "no Allure results to read (run by "
                + "./mvnw verify after the report)");
        List<Result> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonObject r = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
                List<String> epics = new ArrayList<>();
                boolean claim = false;
                for (JsonElement e : r.getAsJsonArray("labels")) {
                    JsonObject l = e.getAsJsonObject();
                    String name = l.get("name").getAsString();
                    epics.addAll("epic".equals(name) ? List.of(l.get("value").getAsString()) : List.of());
                    claim |= "claim".equals(name);
                }
                out.add(new Result(r.get("fullName").getAsString(), epics, claim));
            }
        }
        return out;
    }

    @Test
    @DisplayName("each test has exactly one epic, Claims or Suite checks")
    void twoGroups() throws IOException {
        // Whatever tests ran (-Dit.test selects some): no test is left outside the two groups or in both.
        List<Result> results = results();
        assertThat(results).isNotEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.epics()).as(r.name())
                .containsAnyOf(ReportGroups.CLAIMS, ReportGroups.SUITE_CHECKS).hasSize(1));
    }

    @Test
    @DisplayName("every test that decided a claim is under Claims")
    void claimsUnderClaims() throws IOException {
        List<Result> decided = results().stream().filter(Result::decidesClaim).toList();
        assertThat(decided).allSatisfy(r -> assertThat(r.epics()).as(r.name()).containsExactly(ReportGroups.CLAIMS));
    }
}
