package org.mmkgrec.loader.triples;

import java.nio.file.Path;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.TextLines;
import org.mmkgrec.loader.source.Triple;

/**
 * Tab-separated {@code head relation tail} triples, one per line; a first line whose fields end in
 * {@code :token} (RecBole style) or read {@code head relation tail} is taken as a header. Lines
 * starting with {@code #} are comments.
 */
public final class TsvTripleReader {
    private final Path file;
    private final InputErrors errors;

    public TsvTripleReader(Path file, InputErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    /** @return the number of triples read */
    public long read(MmkgSink sink) {
        long[] count = {0};
        TextLines.read(file, errors, (n, line) -> {
            if (line.startsWith("#") || (n == 1 && isHeader(line))) {
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                errors.report(file, n, null, "expected head<TAB>relation<TAB>tail, got " + f.length + " fields");
                return;
            }
            String[] names = {"head", "relation", "tail"};
            for (int i = 0; i < 3; i++) {
                if (f[i].isBlank()) {
                    errors.report(file, n, names[i], "empty");
                    return;
                }
            }
            sink.triple(new Triple(f[0].strip(), f[1].strip(), f[2].strip()));
            count[0]++;
        });
        return count[0];
    }

    private static boolean isHeader(String line) {
        String l = line.toLowerCase(java.util.Locale.ROOT);
        return l.contains(":token") || l.replace('\t', ' ').strip().matches("head(_id)? relation(_id)? tail(_id)?");
    }
}
