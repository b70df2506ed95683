package io.github.driftclaims.model;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a child JVM that runs one of this project's main classes (the isolated tokenizer's): the same
 * java binary and class path as this JVM, a small heap, no core dump, offline. Apart from {@link IsolatedTokenizer},
 * which talks to the child; this only says how to start it.
 */
final class ChildJvm {

    private ChildJvm() {}

    /** {@code java ... -cp <this class path> mainClass}. */
    static List<String> command(String mainClass) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + Limits.TOKENIZER_CHILD_HEAP_MB + "m",
                // Little Java work happens there (the library is native): the fastest start over peak speed.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                // A crash is expected there and reported by IsolatedTokenizer: no core dump, no hs_err file beside
                // the user's files (the child's working directory is the temporary one).
                "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"),
                        "drift-claims-tokenizer-hs_err_%p.log")));
        for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "java.io.tmpdir")) {
            if (System.getProperty(key) != null) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.addAll(List.of("-cp", classPath(), mainClass));
        return command;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * This JVM's class path (made absolute), and the jars of the class loaders above this class: under
     * {@code mvn exec:java} the project is not on java.class.path but in a URLClassLoader.
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString()); // the child runs in another directory
            }
        }
        for (ClassLoader l = ChildJvm.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        // not a file: nothing a child JVM could use
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
