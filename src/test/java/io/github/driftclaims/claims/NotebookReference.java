package io.github.driftclaims.claims;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The notebook's own fp32 numbers on attn-only-2l, as recorded in fixtures/attn-only-2l. */
record NotebookReference(JsonObject json) {

    static final Path FILE = Path.of("fixtures", "attn-only-2l", "attn-only-2l-notebook-fp32.json");

    static NotebookReference load() {
        try {
            return new NotebookReference(JsonParser.parseString(Files.readString(FILE)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonObject baselineRow(String name) {
        return json.getAsJsonObject("baseline").getAsJsonObject("rows").getAsJsonObject(name);
    }

    double baselineDrift() {
        return json.getAsJsonObject("baseline").get("drift").getAsDouble();
    }

    JsonObject section(String name) {
        return json.getAsJsonObject(name);
    }
}
