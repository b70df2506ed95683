package io.github.driftclaims.model;

import io.github.driftclaims.Excerpt;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Opening and parsing model files defensively: only regular files, read up to a stated limit, and
 * JSON parsed strictly (RFC 8259: no comments, single quotes, unquoted keys or trailing data;
 * duplicate keys refused, nesting bounded).
 */
public final class ModelInputs {

    private ModelInputs() {}

    /**
     * Refuses anything but an existing regular file (after following symlinks) before it is opened:
     * opening a named pipe blocks until a writer appears, and a device can be read forever.
     *
     * @return the file's size in bytes
     */
    static long requireRegularFile(Path file, String notFound, String fix) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, notFound, fix);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, "check the file's permissions", e);
        }
        if (!attrs.isRegularFile()) {
            String kind = attrs.isDirectory() ? "a directory"
                    : Files.isSymbolicLink(file) && !Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "a broken link"
                    : "not a regular file (a named pipe, socket or device)";
            throw new ModelLoadException(file, "is " + kind + "; only regular files are opened",
                    "replace it with the model file itself");
        }
        return attrs.size();
    }

    /**
     * A small JSON object read from a model directory (at most {@link Limits#CONFIG_BYTES}, a regular
     * file, strict JSON), for callers outside this package: one way to read every such file.
     *
     * @param what what the file is, for messages ("the model card")
     * @throws ModelLoadException naming the file, what is wrong and {@code fix}
     */
    public static JsonObject jsonFile(Path file, String what, String notFound, String fix) {
        return strictJsonObject(file, readText(file, Limits.CONFIG_BYTES, "CONFIG_BYTES", notFound, fix), what, fix);
    }

    /**
     * A small text file read from a model directory (at most {@link Limits#CONFIG_BYTES}, a regular
     * file, UTF-8), for a caller that parses it itself: the training record, whose log may hold NaN.
     */
    public static String smallText(Path file, String notFound, String fix) {
        return readText(file, Limits.CONFIG_BYTES, "CONFIG_BYTES", notFound, fix);
    }

    /** The whole file as UTF-8 text, refusing a file larger than {@code limit} before reading it. */
    static String readText(Path file, int limit, String limitName, String notFound, String fix) {
        byte[] bytes = readBytes(file, limit, limitName, notFound, fix);
        return utf8(file, bytes, bytes.length, fix);
    }

    /** The whole file, refusing a file larger than {@code limit} before reading it. */
    static byte[] readBytes(Path file, int limit, String limitName, String notFound, String fix) {
        long size = requireRegularFile(file, notFound, fix);
        if (size > limit) {
            throw new ModelLoadException(file, "is " + size + " bytes, more than " + Limits.named(limitName, limit),
                    "this is not the small JSON file expected here; " + fix);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // The file may have grown since its size was read: never read past the limit.
            bytes = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e, "check the file's permissions", e);
        }
        if (bytes.length > limit) {
            throw new ModelLoadException(file, "is more than " + Limits.named(limitName, limit) + " bytes", fix);
        }
        return bytes;
    }

    static String utf8(Path file, byte[] bytes, int length, String fix) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelLoadException(file, "is not valid UTF-8 text", fix, e);
        }
    }

    /**
     * Parses one strict JSON object. Numbers keep their literal text ({@link LazilyParsedNumber}, the
     * class Gson's own parser uses), so that callers can tell {@code 16} from {@code 16.0} and {@code 1.6e1}.
     *
     * @param what what the text is, for messages ("the header", "config.json")
     */
    static JsonObject strictJsonObject(Path file, String text, String what, String fix) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new ModelLoadException(file, what + " is not a JSON object", fix);
            }
            JsonElement root = read(file, reader, what, fix);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ModelLoadException(file, what + " has data after its JSON object", fix);
            }
            return root.getAsJsonObject();
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports syntax errors (MalformedJsonException) with line and column.
            throw new ModelLoadException(file, what + " is not strict JSON (" + syntaxError(e) + ")", fix, e);
        }
    }

    /**
     * Gson's account of a syntax error, without the JSON path it appends: the path is made of the
     * document's own keys, which are input content (and may be a megabyte long).
     */
    private static String syntaxError(Exception e) {
        String m = String.valueOf(e.getMessage());
        int path = m.indexOf(" path $");
        return Excerpt.message(path < 0 ? m : m.substring(0, path), 200);
    }

    /** Iterative, so that nesting cannot overflow the Java stack; depth is bounded anyway. */
    private static JsonElement read(Path file, JsonReader reader, String what, String fix) throws IOException {
        Deque<JsonElement> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        while (true) {
            JsonToken token = reader.peek();
            JsonElement value;
            switch (token) {
                case BEGIN_OBJECT, BEGIN_ARRAY -> {
                    if (open.size() >= Limits.JSON_DEPTH) {
                        throw new ModelLoadException(file, what + " nests deeper than "
                                + Limits.named("JSON_DEPTH", Limits.JSON_DEPTH), fix);
                    }
                    JsonElement container;
                    if (token == JsonToken.BEGIN_OBJECT) {
                        reader.beginObject();
                        container = new JsonObject();
                    } else {
                        reader.beginArray();
                        container = new JsonArray();
                    }
                    attach(file, open, names, container, what, fix);
                    open.push(container);
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    if (token == JsonToken.END_OBJECT) {
                        reader.endObject();
                    } else {
                        reader.endArray();
                    }
                    JsonElement done = open.pop();
                    if (open.isEmpty()) {
                        return done;
                    }
                    continue;
                }
                case NAME -> {
                    names.push(reader.nextName());
                    continue;
                }
                case STRING -> value = new JsonPrimitive(reader.nextString());
                case NUMBER -> value = new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
                case BOOLEAN -> value = new JsonPrimitive(reader.nextBoolean());
                case NULL -> {
                    reader.nextNull();
                    value = JsonNull.INSTANCE;
                }
                default -> throw new ModelLoadException(file, what + " ends early", fix);
            }
            attach(file, open, names, value, what, fix); // the root is an object, so a value always has a parent
        }
    }

    private static void attach(Path file, Deque<JsonElement> open, Deque<String> names, JsonElement value,
            String what, String fix) {
        if (open.isEmpty()) {
            return;
        }
        if (open.peek() instanceof JsonObject o) {
            String name = names.pop();
            if (o.has(name)) {
                throw new ModelLoadException(file, what + " has the key " + Excerpt.of(name) + " twice", fix);
            }
            o.add(name, value);
        } else {
            open.peek().getAsJsonArray().add(value);
        }
    }

    /**
     * A JSON integer literal as a long: no fraction, exponent or quotes, and within a long. A config or
     * header that writes 16.0 or "16" is refused rather than coerced.
     */
    static long exactLong(Path file, JsonElement e, String what, String fix) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ModelLoadException(file, what + " is not a JSON integer: " + Excerpt.of(String.valueOf(e)), fix);
        }
        String literal = e.getAsString();
        if (!literal.matches("-?(0|[1-9][0-9]*)")) {
            throw new ModelLoadException(file, what + " is " + Excerpt.of(literal) + ", not an integer literal"
                    + " (no fraction or exponent)", fix);
        }
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException ex) {
            throw new ModelLoadException(file, what + " is " + Excerpt.of(literal) + ", out of range", fix, ex);
        }
    }
}
