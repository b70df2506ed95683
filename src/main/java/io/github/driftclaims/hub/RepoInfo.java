package io.github.driftclaims.hub;

import java.util.List;

/**
 * What {@code GET /api/models/{repo}/revision/{revision}} tells us.
 *
 * @param repo      the repository id, {@code ORG/NAME}
 * @param commit    the commit the revision points to (the JSON field {@code sha})
 * @param filenames the repository files ({@code siblings[].rfilename}) in the order the hub lists them
 */
public record RepoInfo(String repo, String commit, List<String> filenames) {

    public RepoInfo {
        filenames = List.copyOf(filenames);
    }

    public boolean lists(String filename) {
        return filenames.contains(filename);
    }
}
