package io.github.driftclaims.report;

import io.qameta.allure.util.PropertiesUtils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Adds entries to the report's Environment widget: {@code environment.properties} in the Allure results
 * directory.
 *
 * <p>Several test classes (possibly in parallel, possibly in several forked JVMs) each know part of the
 * environment, e.g. the model they loaded. So every call reads the file, merges its entries (a later
 * value for the same key wins) and rewrites it, all under an OS file lock; the build seeds the file with
 * build facts before the tests run and never writes it afterwards.
 */
public final class AllureEnvironment {

    public static final String FILE_NAME = "environment.properties";

    // FileChannel.lock is per JVM, not per thread: a second thread asking for it gets
    // OverlappingFileLockException, so threads of this JVM queue on this monitor first.
    private static final Object JVM_LOCK = new Object();

    private AllureEnvironment() {}

    public static void put(String key, String value) {
        merge(Map.of(key, value));
    }

    /** Merges into the file in the results directory Allure itself writes to (allure.results.directory). */
    public static void merge(Map<String, String> entries) {
        merge(resultsDirectory().resolve(FILE_NAME), entries);
    }

    public static void merge(Path file, Map<String, String> entries) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    Properties merged = new Properties();
                    merged.load(new ByteArrayInputStream(readAll(channel)));
                    merged.putAll(entries);
                    byte[] out = render(merged);
                    channel.truncate(0);
                    channel.position(0);
                    ByteBuffer buffer = ByteBuffer.wrap(out);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not update " + file, e);
            }
        }
    }

    /** Reads the file back, e.g. for tests; empty when absent. */
    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return propertiesAsMap(properties);
    }

    public static Path resultsDirectory() {
        return Paths.get(PropertiesUtils.loadAllureProperties().getProperty("allure.results.directory", "allure-results"));
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        channel.position(0);
        while (channel.read(buffer) > 0) {
            bytes.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return bytes.toByteArray();
    }

    /**
     * Sorted keys, no timestamp comment: the file stays stable between runs. Each entry goes through
     * Properties.store on its own so the JDK does the escaping (ISO-8859-1 with \\uXXXX, as load expects).
     */
    private static byte[] render(Properties properties) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String key : propertiesAsMap(properties).keySet()) {
            Properties one = new Properties();
            one.setProperty(key, properties.getProperty(key));
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            one.store(buffer, null);
            for (String line : buffer.toString(StandardCharsets.ISO_8859_1).split("\\R")) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    text.append(line).append('\n');
                }
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> propertiesAsMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
