package io.github.driftclaims.martingale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The full martingale grid ({@code -Pmartingale}) keeps exactly the cells whose prompt and fed-back samples fit the
 * model's context: on the toy models' n_ctx of 51 and on attn-only-2l's 1024 (its recorded config), whose grid no
 * offline run exercises.
 */
@DisplayName("The full martingale grid")
class MartingaleGridTest {

    /** BOS, "Sequence", ":" and n symbols, as the toy tokenizer writes the prompt. */
    static final IntUnaryOperator PROMPT = n -> n + 3;

    @Test
    @DisplayName("on a context of 51 holds every toy n with m = n/2 and 2n, each at three thetas")
    void toyContext() {
        MartingaleGrid g = MartingaleGrid.full(MartingaleGrid.TOY_NS, PROMPT, 51);
        assertThat(g.cells()).hasSize(18);
        assertThat(g.cells().stream().map(c -> c.n() + "/" + c.m()).distinct())
                .containsExactly("10/5", "10/20", "12/6", "12/24", "16/8", "16/32");
        assertThat(g.cells().stream().map(MartingaleResult.Cell::theta).distinct()).containsExactly(0.3, 0.5, 0.7);
        assertThat(List.of(g.paths(), g.replicates())).containsExactly(MartingaleGrid.PATHS, MartingaleGrid.REPLICATES);
    }

    @Test
    @DisplayName("drops a continuation one position too long for the context, and keeps the one that just fits")
    void contextBoundary() {
        // n = 16, m = 32: 19 prompt tokens + 31 fed-back samples = 50 positions.
        assertThat(MartingaleGrid.full(List.of(16), PROMPT, 50).cells()).allMatch(c -> c.m() == 32 || c.m() == 8)
                .hasSize(6);
        assertThat(MartingaleGrid.full(List.of(16), PROMPT, 49).cells()).allMatch(c -> c.m() == 8).hasSize(3);
        assertThat(MartingaleGrid.full(List.of(16), PROMPT, 18).cells()).isEmpty();
    }

    @Test
    @DisplayName("never samples fewer than 5 symbols: n = 8 keeps only m = 16")
    void shortContinuationsAreDropped() {
        assertThat(MartingaleGrid.full(List.of(8), PROMPT, 51).cells()).allMatch(c -> c.m() == 16).hasSize(3);
        assertThat(MartingaleGrid.full(List.of(10), PROMPT, 51).cells()).anyMatch(c -> c.m() == 5);
    }

    @Test
    @DisplayName("on attn-only-2l's recorded context of 1024 holds the issue's n = 20, 50 and 100, each with m = n/2 and 2n")
    void attnOnly2lContext() throws java.io.IOException {
        int nCtx = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
                java.nio.file.Path.of("fixtures/attn-only-2l/attn-only-2l-notebook-fp32.json")))
                .getAsJsonObject().getAsJsonObject("model").get("n_ctx").getAsInt();
        assertThat(nCtx).isEqualTo(1024);
        MartingaleGrid g = MartingaleGrid.full(MartingaleGrid.ATTN_ONLY_NS, PROMPT, nCtx);
        assertThat(g.cells().stream().map(c -> c.n() + "/" + c.m()).distinct())
                .containsExactly("20/10", "20/40", "50/25", "50/100", "100/50", "100/200");
        assertThat(g.cells()).hasSize(18);
    }

    @Test
    @DisplayName("the full design has 10 observed sequences per cell at seeds 14 to 23; verify's one, at seed 14")
    void sequences() {
        MartingaleGrid g = MartingaleGrid.full(MartingaleGrid.TOY_NS, PROMPT, 51);
        assertThat(g.seeds()).containsExactly(14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L);
        assertThat(MartingaleGrid.VERIFY.seeds()).containsExactly(14L);
        assertThat(MartingaleGrid.TOY_FULL).isEqualTo(g);
        assertThat(g.startingAt(1000).seeds()).hasSize(10).startsWith(1000L).endsWith(1009L);
        assertThat(g.startingAt(1000).cells()).isEqualTo(g.cells());
    }

    @Test
    @DisplayName("a run gives every cell at every seed, cell by cell, each the check at that seed alone")
    void runOrder() {
        MartingaleGrid g = new MartingaleGrid(List.of(new MartingaleResult.Cell(8, 6, 0.3),
                new MartingaleResult.Cell(8, 16, 0.7)), 20, 40, 5, 3);
        List<MartingaleResult> run = g.run(Samplers.polyaUrn());
        assertThat(run).extracting(r -> r.cell().m() + "@" + r.seed())
                .containsExactly("6@5", "6@6", "6@7", "16@5", "16@6", "16@7");
        assertThat(run.get(4)).isEqualTo(MartingaleCheck.run(Samplers.polyaUrn(), g.cells().get(1), 20, 40, 6));
    }
}
