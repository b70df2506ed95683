package io.github.driftclaims.ensemble;

import io.github.driftclaims.verdict.Claim;
import io.github.driftclaims.verdict.Finding;
import io.github.driftclaims.verdict.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One claim's verdicts over an ensemble's seeds, and the exact 95% interval on the share reproduced.
 *
 * @param counts members per verdict, every verdict present (0 where none)
 * @param undetermined members whose numbers could not decide the claim
 * @param fragile members whose verdict's margin lies inside its uncertainty
 */
public record Distribution(String ensemble, Claim claim, int n, Map<Verdict, Integer> counts, int undetermined,
        int fragile, ClopperPearson reproduced) {

    public Distribution {
        counts = java.util.Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** From each member's finding on {@code claim}, in any order. */
    public static Distribution of(String ensemble, Claim claim, List<Finding> findings) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        int undetermined = 0;
        for (Finding f : findings) {
            if (f.claim() != claim) {
                throw new IllegalArgumentException("a finding on claim " + f.claim().number() + " among claim "
                        + claim.number() + "'s");
            }
            if (f.determined()) {
                counts.merge(f.verdict(), 1, Integer::sum);
            } else {
                undetermined++;
            }
        }
        int fragile = (int) findings.stream().filter(Finding::fragile).count();
        return new Distribution(ensemble, claim, findings.size(), counts, undetermined, fragile,
                ClopperPearson.of(counts.get(Verdict.REPRODUCED), findings.size()));
    }

    public int count(Verdict v) {
        return counts.get(v);
    }

    /** "reproduced 6/8 · partly 2/8 · fragile 1/8 · CI [0.349, 0.968]": verdicts with members, then the interval. */
    public String cell() {
        StringBuilder b = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            if (count(v) > 0) {
                part(b, v + " " + count(v) + "/" + n);
            }
        }
        if (undetermined > 0) {
            part(b, "not determined " + undetermined + "/" + n);
        }
        if (fragile > 0) {
            part(b, "fragile " + fragile + "/" + n);
        }
        part(b, "CI " + reproduced.text());
        return b.toString();
    }

    private static void part(StringBuilder b, String s) {
        if (b.length() > 0) {
            b.append(" · ");
        }
        b.append(s);
    }
}
