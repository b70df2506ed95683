package io.github.driftclaims.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test results inside Allure 2's single-file report ({@code allure generate --single-file}): its index.html
 * carries every data file as {@code d('data/test-cases/<uid>.json','<base64>')}, and the report opens a result at
 * {@code index.html#testresult/<uid>}. The uids exist only from generation on, so this is how the verdict page
 * finds where to link.
 */
public record AllureSingleFile(List<TestResult> results) {

    /** The label a claim test carries with its claim's number (set where the claim tests record their verdict). */
    public static final String CLAIM_LABEL = "claim";

    /** The route of Allure 2's single-page app that opens one test result. */
    public static String route(String uid) {
        return "#testresult/" + uid;
    }

    /**
     * One test result as the report holds it.
     *
     * @param labels name to values (a name can repeat: several tags)
     * @param parameters name to values, as shown (a name can repeat)
     */
    public record TestResult(String uid, String name, String fullName, String status,
                             Map<String, List<String>> labels, Map<String, List<String>> parameters) {

        public boolean failed() {
            return status.equals("failed") || status.equals("broken");
        }

        public List<String> label(String name) {
            return labels.getOrDefault(name, List.of());
        }
    }

    private static final Pattern TEST_CASE = Pattern.compile("d\\('data/test-cases/([0-9a-zA-Z]+)\\.json','([A-Za-z0-9+/=]*)'\\)");

    public static AllureSingleFile read(Path indexHtml) throws IOException {
        return parse(Files.readString(indexHtml, StandardCharsets.UTF_8));
    }

    static AllureSingleFile parse(String html) {
        List<TestResult> out = new ArrayList<>();
        Matcher m = TEST_CASE.matcher(html);
        while (m.find()) {
            JsonObject o = JsonParser.parseString(new String(Base64.getDecoder().decode(m.group(2)),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            out.add(new TestResult(m.group(1), text(o, "name"), text(o, "fullName"), text(o, "status"),
                    pairs(o, "labels"), pairs(o, "parameters")));
        }
        return new AllureSingleFile(out);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static Map<String, List<String>> pairs(JsonObject o, String key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonElement a = o.get(key);
        if (a != null && a.isJsonArray()) {
            for (JsonElement e : a.getAsJsonArray()) {
                JsonObject p = e.getAsJsonObject();
                out.computeIfAbsent(text(p, "name"), k -> new ArrayList<>()).add(text(p, "value"));
            }
        }
        return out;
    }

    /**
     * The one result that decided {@code claimNumber} for the column {@code key}: labelled with the claim, filed
     * under the key's story, and where that leaves several, the ones whose parameters named in the key have the
     * key's value. Empty when none or more than one remain ({@code why} says which).
     */
    public Match find(int claimNumber, VerdictPageData.TestKey key) {
        List<TestResult> candidates = results.stream()
                .filter(r -> r.label(CLAIM_LABEL).contains(String.valueOf(claimNumber)))
                .filter(r -> r.label("story").contains(key.story())).toList();
        if (candidates.size() > 1) {
            candidates = candidates.stream().filter(r -> key.parameters().entrySet().stream().allMatch(p -> {
                List<String> values = r.parameters().getOrDefault(p.getKey(), List.of());
                return values.isEmpty() || values.stream().allMatch(p.getValue()::equals);
            })).toList();
        }
        if (candidates.size() == 1) {
            return new Match(candidates.get(0), null);
        }
        return new Match(null, candidates.isEmpty()
                ? "the Allure report has no test of claim " + claimNumber + " on " + key.story()
                : candidates.size() + " tests of claim " + claimNumber + " on " + key.story() + " match " + key.parameters());
    }

    /** A result, or why there is none. */
    public record Match(TestResult result, String why) {}
}
