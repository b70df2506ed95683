package io.github.driftclaims.interp;

import io.github.driftclaims.UserInputException;
import java.util.ArrayList;
import java.util.List;

/** One attention head, written {@code L1H6} in tables and {@code 1.6} on the command line. */
public record Head(int layer, int head) implements Comparable<Head> {

    public static Head parse(String s) {
        String[] parts = s.trim().split("[.,:]");
        String problem = "'" + s + "' is not a head; write LAYER.HEAD, e.g. 1.6";
        if (parts.length != 2) {
            throw new UserInputException(problem);
        }
        try {
            return new Head(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // Integer.parseInt's own message ("For input string: ...") says neither what was expected nor where.
            throw new UserInputException(problem, e);
        }
    }

    public static List<Head> parseList(String s) {
        List<Head> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(parse(p));
            }
        }
        return out;
    }

    /** The head of {@code layer} with the largest score; the lowest index wins a tie. */
    public static Head argmax(double[][] scores, int layer) {
        int best = 0;
        for (int h = 1; h < scores[layer].length; h++) {
            if (scores[layer][h] > scores[layer][best]) {
                best = h;
            }
        }
        return new Head(layer, best);
    }

    @Override
    public String toString() {
        return "L" + layer + "H" + head;
    }

    @Override
    public int compareTo(Head o) {
        return layer != o.layer ? Integer.compare(layer, o.layer) : Integer.compare(head, o.head);
    }
}
