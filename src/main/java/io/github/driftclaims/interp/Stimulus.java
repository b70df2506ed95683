package io.github.driftclaims.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of X/Y symbols and the prompt the notebook builds from it:
 * {@code "Sequence: " + " ".join(seq)}, so every symbol is preceded by a space (" X", " Y").
 */
public record Stimulus(String name, List<String> symbols) {

    public Stimulus {
        symbols = List.copyOf(symbols);
    }

    /** The notebook's three orderings of three X and three Y. */
    public static final List<Stimulus> NOTEBOOK = List.of(
            of("patterned", "X Y X Y X Y"),
            of("clumped", "X X X Y Y Y"),
            of("mixed", "X Y Y X X Y"));

    public static Stimulus of(String name, String spaced) {
        return new Stimulus(name, List.of(spaced.trim().split("\\s+")));
    }

    /** All C(6,3) = 20 distinct orderings of XXXYYY, in lexicographic order, named by their letters. */
    public static List<Stimulus> allOrderingsOf3X3Y() {
        List<Stimulus> out = new ArrayList<>();
        for (int mask = 0; mask < 64; mask++) {
            if (Integer.bitCount(mask) != 3) {
                continue;
            }
            List<String> seq = new ArrayList<>();
            for (int i = 5; i >= 0; i--) {
                seq.add((mask >> i & 1) == 1 ? "Y" : "X");
            }
            out.add(new Stimulus(String.join("", seq), seq));
        }
        return out;
    }

    /**
     * All C(nX + nY, nX) distinct orderings of nX X and nY Y, in lexicographic order (X before Y), named by their
     * letters; {@link #allOrderingsOf3X3Y} is (3, 3).
     */
    public static List<Stimulus> allOrderings(int nX, int nY) {
        if (nX < 0 || nY < 0 || nX + nY < 1 || nX + nY > 16) {
            throw new IllegalArgumentException("orderings of " + nX + " X and " + nY + " Y: the counts must be "
                    + "non-negative and sum to 1 to 16");
        }
        return allStrings(nX + nY).stream().filter(s -> s.nX() == nX).toList();
    }

    /**
     * All 2^length X/Y strings of one length, in lexicographic order (X before Y), named by their letters: the
     * uniform distribution over strings of that length, i.e. i.i.d. draws of a fair coin, enumerated exactly.
     */
    public static List<Stimulus> allStrings(int length) {
        if (length < 1 || length > 16) {
            throw new IllegalArgumentException("all X/Y strings of length " + length + ": the length must be 1 to 16 "
                    + "(2^16 prompts)");
        }
        List<Stimulus> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << length; mask++) {
            List<String> seq = new ArrayList<>();
            for (int i = length - 1; i >= 0; i--) {
                seq.add((mask >> i & 1) == 1 ? "Y" : "X");
            }
            out.add(new Stimulus(String.join("", seq), seq));
        }
        return out;
    }

    public String prompt() {
        return PromptStyle.SEQUENCE.fill(symbols);
    }

    public String spaced() {
        return String.join(" ", symbols);
    }

    public int count(String symbol) {
        return (int) symbols.stream().filter(symbol::equals).count();
    }

    public int nX() {
        return count("X");
    }

    public int nY() {
        return count("Y");
    }
}
