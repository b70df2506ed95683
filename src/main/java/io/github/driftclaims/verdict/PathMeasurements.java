package io.github.driftclaims.verdict;

import io.github.driftclaims.interp.Head;
import io.github.driftclaims.interp.PathPatching;
import io.github.driftclaims.interp.PathPatching.Input;
import java.util.List;

/**
 * What claim 36 reads: the patterned (clean) and clumped (corrupt) runs' logit differences, the drift heads, and every
 * path from an earlier-layer head into a drift head's query, key or value with the share of the gap it moves.
 *
 * @param driftHeads the zero-ablation sweep's top two
 * @param routes every q/k/v path into a drift head that reads an earlier layer (none when every drift head is in
 *     layer 0)
 */
public record PathMeasurements(double ldClean, double ldCorrupt, List<Head> driftHeads, List<Route> routes) {

    public PathMeasurements {
        driftHeads = List.copyOf(driftHeads);
        routes = List.copyOf(routes);
    }

    /**
     * One path into a drift head.
     *
     * @param share (LD_patched - LD_clumped) / (LD_patterned - LD_clumped) with only this path patched
     */
    public record Route(Head sender, Head receiver, Input input, double share) {

        public String label() {
            return sender + " -> " + receiver + " " + input.id();
        }
    }

    /** The paths into the drift heads of a path-patching table. */
    public static PathMeasurements of(PathPatching p, List<Head> driftHeads) {
        List<Route> routes = p.paths().stream().filter(x -> x.input() != Input.DIRECT && driftHeads.contains(x.receiver()))
                .map(x -> new Route(x.sender(), x.receiver(), x.input(), x.normalised())).toList();
        return new PathMeasurements(p.ldClean(), p.ldCorrupt(), driftHeads, routes);
    }

    /** LD_patterned - LD_clumped. */
    public double gap() {
        return ldClean - ldCorrupt;
    }

    /** The drift heads that read an earlier layer: the receivers. */
    public List<Head> receivers() {
        return routes.stream().map(Route::receiver).distinct().sorted().toList();
    }
}
