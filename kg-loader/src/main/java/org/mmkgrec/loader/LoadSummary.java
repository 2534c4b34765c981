package org.mmkgrec.loader;

import java.util.List;
import java.util.Map;

/**
 * What a load did.
 *
 * @param parsed records read per kind (before the split moved test rows out)
 * @param written records written per step by this run (0 where an earlier run finished the step)
 * @param graph node and relationship counts in the graph afterwards
 * @param heldOutTest test interactions kept in the held-out file
 * @param skipped bad records skipped (SKIP policy), with the first messages
 * @param skippedByFile bad records skipped per file (SKIP policy)
 * @param alreadyLoaded the store already held exactly this input: nothing was written
 * @param tripleRate KG triples written per second (0 when none were written)
 */
public record LoadSummary(String dataset, String split, Map<String, Long> parsed, Map<String, Long> written,
                          Map<String, Long> graph, long heldOutTest, long skipped, Map<String, Long> skippedByFile, List<String> skippedMessages,
                          boolean alreadyLoaded, double parseSeconds, double encodeSeconds, double writeSeconds,
                          double tripleRate) {

    /** A few human-readable lines for the end of a load. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Loaded data set `%s` (split %s)%s%n", dataset, split,
                alreadyLoaded ? ": already in the store, nothing written" : ""));
        sb.append("  read:     ").append(parsed).append('\n');
        sb.append("  written:  ").append(written).append('\n');
        sb.append("  graph:    ").append(graph).append('\n');
        sb.append(String.format("  held out: %d test interactions (never in the graph)%n", heldOutTest));
        if (skipped > 0) {
            sb.append(String.format("  skipped:  %d bad records%n", skipped));
            skippedByFile.forEach((file, n) -> sb.append(String.format("            %,d in %s%n", n, file)));
            sb.append("  first skipped:").append('\n');
            skippedMessages.forEach(m -> sb.append("            ").append(m).append('\n'));
        }
        sb.append(String.format("  seconds:  parse %.1f, encode %.1f, write %.1f; KG triples written at %,.0f/s%n",
                parseSeconds, encodeSeconds, writeSeconds, tripleRate));
        return sb.toString();
    }
}
