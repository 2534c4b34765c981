package org.mmkgrec.loader.triples;

import java.nio.file.Path;
import java.util.Set;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.TextLines;

/** Item-to-entity links, tab-separated {@code itemId entityId} per line ({@code #} comments). */
public final class LinkFileReader {
    private final Path file;
    private final Set<String> knownItems;
    private final InputErrors errors;

    /** @param knownItems items of the data set (links from others are errors), or null to accept any */
    public LinkFileReader(Path file, Set<String> knownItems, InputErrors errors) {
        this.file = file;
        this.knownItems = knownItems;
        this.errors = errors;
    }

    /** @return the number of links read */
    public long read(MmkgSink sink) {
        long[] count = {0};
        TextLines.read(file, errors, (n, line) -> {
            if (line.startsWith("#")) {
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
                errors.report(file, n, null, "expected item<TAB>entity");
            } else if (knownItems != null && !knownItems.contains(f[0].strip())) {
                errors.report(file, n, "item", "unknown item `" + f[0].strip() + "`");
            } else {
                ItemLink link = new ItemLink(f[0].strip(), f[1].strip());
                if (errors.rules().link(file, n, "item", "entity", link)) {
                    sink.link(link);
                    count[0]++;
                }
            }
        });
        return count[0];
    }
}
