package io.github.driftclaims.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.driftclaims.model.Limits;
import io.github.driftclaims.model.ModelLoadException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model-card.json comes with the model, so it is read like every other JSON file of a model directory. */
@DisplayName("A model card is read bounded, strictly and only from a regular file")
class ModelCardTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a card listing letters gives those tokens; one naming the vocabulary, or none, gives no list")
    void validCards() throws Exception {
        Path card = Files.writeString(dir.resolve(ScorePool.CARD), "{\"head_score_pool\": [\" A\", \" B\"]}");
        assertThat(ScorePool.cardTokens(card)).contains(List.of(" A", " B"));
        Files.writeString(card, "{\"head_score_pool\": \"vocabulary\"}");
        assertThat(ScorePool.cardTokens(card)).isEmpty();
        assertThat(ScorePool.cardTokens(dir.resolve("absent.json"))).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("a card larger than Limits.CONFIG_BYTES is refused before it is read")
    void oversizedCard() throws Exception {
        Path card = dir.resolve(ScorePool.CARD);
        try (RandomAccessFile f = new RandomAccessFile(card.toFile(), "rw")) {
            f.setLength(4L << 30); // sparse: 4 GiB that take no disk, and would take the heap if read
        }
        assertThatThrownBy(() -> ScorePool.cardTokens(card)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(card + ": ").hasMessageContaining("Limits.CONFIG_BYTES (" + Limits.CONFIG_BYTES);
    }

    @Test
    @DisplayName("a named pipe as the card is refused by name instead of blocking")
    void namedPipeCard() throws Exception {
        Path card = dir.resolve(ScorePool.CARD);
        assertThat(new ProcessBuilder("mkfifo", card.toString()).inheritIO().start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> ScorePool.cardTokens(card))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not a regular file"));
    }

    @Test
    @DisplayName("a card that is not strict JSON, or lists something other than token strings, is a ModelLoadException")
    void malformedCards() throws Exception {
        Path card = dir.resolve(ScorePool.CARD);
        for (String text : List.of("{head_score_pool: 'vocabulary'}", "{\"head_score_pool\": [\" A\"]} // c",
                "{\"head_score_pool\": [{\"a\": 1}]}", "{\"head_score_pool\": [[\" A\"]]}")) {
            Files.writeString(card, text);
            assertThatThrownBy(() -> ScorePool.cardTokens(card)).as(text).isInstanceOf(ModelLoadException.class)
                    .hasMessageStartingWith(card + ": ");
        }
    }
}
