package io.github.driftclaims;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the project's shipped files (the default model, the notebook's reference numbers under
 * {@code fixtures/}) are, so that the CLI finds them from any working directory. The base is, in order:
 * the system property {@value #PROPERTY}, else the environment variable {@value #ENV}, else the checkout
 * the classes were loaded from (target/classes, or a jar, inside a directory holding {@code pom.xml} and
 * {@code fixtures/}). Paths a user types (--model DIR, --json FILE) are not resolved here: they keep
 * meaning what they mean in the user's working directory.
 */
public final class ProjectFiles {

    /** System property naming the project directory. */
    public static final String PROPERTY = "driftclaims.home";
    /** Environment variable naming the project directory, read when the property is not set. */
    public static final String ENV = "DRIFTCLAIMS_HOME";

    private ProjectFiles() {}

    /** {@code relative} (such as {@code fixtures/attn-only-2l/...}) inside the project directory. */
    public static Path resolve(Path relative) {
        return base().resolve(relative);
    }

    /** The project directory, found as the class comment says. */
    public static Path base() {
        return base(System.getProperty(PROPERTY), System.getenv(), codeLocation());
    }

    /**
     * The rule of {@link #base()} on given inputs. An explicit base that is not a project is an error rather
     * than a fall-through, so that a typo in it does not silently run another checkout's files.
     */
    static Path base(String property, Map<String, String> env, Optional<Path> codeLocation) {
        String explicit = property != null && !property.isBlank() ? property : env.get(ENV);
        String source = property != null && !property.isBlank() ? "-D" + PROPERTY : ENV;
        if (explicit != null && !explicit.isBlank()) {
            Path dir = Path.of(explicit).toAbsolutePath().normalize();
            if (!isProject(dir)) {
                throw new UserInputException(source + " " + Excerpt.of(explicit) + " is not the project "
                        + "directory (no fixtures/ and pom.xml there); set it to the directory holding them");
            }
            return dir;
        }
        for (Path dir = codeLocation.orElse(null); dir != null; dir = dir.getParent()) {
            if (isProject(dir)) {
                return dir;
            }
        }
        throw new UserInputException("cannot find the project's fixtures/ from where its classes were loaded ("
                + codeLocation.map(Path::toString).orElse("unknown") + "); set -D" + PROPERTY + "=DIR or " + ENV
                + "=DIR to the project directory (the one holding pom.xml and fixtures/)");
    }

    private static boolean isProject(Path dir) {
        return Files.isDirectory(dir.resolve("fixtures")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }

    /**
     * Where this class's own file is: .../target/classes/io/github/driftclaims/ProjectFiles.class, or the jar
     * holding it. Read from the class's resource URL rather than its protection domain, because Maven's
     * exec:java (the README's main job) loads the classes without a code source.
     */
    static Optional<Path> codeLocation() {
        URL url = ProjectFiles.class.getResource(ProjectFiles.class.getSimpleName() + ".class");
        if (url == null) {
            return Optional.empty();
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                String spec = url.getPath(); // file:/x/y.jar!/io/github/...
                int bang = spec.indexOf("!/");
                url = new URL(bang < 0 ? spec : spec.substring(0, bang));
            }
            if (!"file".equals(url.getProtocol())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
