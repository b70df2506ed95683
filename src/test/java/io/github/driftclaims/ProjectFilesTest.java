package io.github.driftclaims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The project directory is found from an explicit base or from where the classes were loaded")
class ProjectFilesTest {

    @TempDir
    Path tmp;

    private Path project(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("fixtures")).getParent();
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        return dir;
    }

    @Test
    @DisplayName("the system property wins over the environment variable, which wins over the class location")
    void explicitBasesComeFirst() throws Exception {
        Path a = project("a");
        Path b = project("b");
        Path c = project("c");
        Optional<Path> classes = Optional.of(Files.createDirectories(c.resolve("target/classes")));
        assertThat(ProjectFiles.base(a.toString(), Map.of(ProjectFiles.ENV, b.toString()), classes)).isEqualTo(a);
        assertThat(ProjectFiles.base(null, Map.of(ProjectFiles.ENV, b.toString()), classes)).isEqualTo(b);
        assertThat(ProjectFiles.base(" ", Map.of(), classes)).isEqualTo(c);
    }

    @Test
    @DisplayName("target/classes or a jar in target/ leads up to the directory holding pom.xml and fixtures/")
    void theClassLocationLeadsToTheProject() throws Exception {
        Path p = project("p");
        Path jar = Files.createDirectories(p.resolve("target")).resolve("drift-claims.jar");
        assertThat(ProjectFiles.base(null, Map.of(), Optional.of(jar))).isEqualTo(p);
        assertThat(ProjectFiles.resolve(Path.of("fixtures"))).isDirectory();
    }

    @Test
    @DisplayName("the classes' own file is found from their resource URL, which exec:java's class loader also gives")
    void theClassesOwnFileIsFound() {
        // exec:java (the README's main job) defines the classes without a code source; the resource URL is there.
        // Under failsafe that is the packaged jar in target/, a jar: URL; under exec:java, target/classes.
        assertThat(ProjectFiles.codeLocation()).get().asString().contains("target");
        assertThat(ProjectFiles.base(null, java.util.Map.of(), ProjectFiles.codeLocation()))
                .isEqualTo(java.nio.file.Path.of("").toAbsolutePath());
    }

    @Test
    @DisplayName("an explicit base without fixtures/ and pom.xml, or no project above the classes, is an error naming the fix")
    void noProjectIsAnErrorNamingTheSettings() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ProjectFiles.base(null, Map.of(ProjectFiles.ENV, empty.toString()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(ProjectFiles.ENV + " '" + empty);
        assertThatThrownBy(() -> ProjectFiles.base(null, Map.of(), Optional.of(empty.resolve("classes"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-D" + ProjectFiles.PROPERTY + "=DIR or " + ProjectFiles.ENV + "=DIR");
    }
}
