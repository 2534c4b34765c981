package org.mmkgrec.loader;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;

/**
 * The test part of the chosen split, kept outside the graph: {@code <dataDir>/heldout/test.tsv},
 * header {@code user item label rating timestamp}, tab-separated. Only the evaluator reads it, so
 * neither training nor recommendation queries can see test interactions. Written atomically.
 */
public final class HeldOutFile {
    public static final String RELATIVE_PATH = "heldout/test.tsv";
    static final String HEADER = "user\titem\tlabel\trating\ttimestamp";

    private HeldOutFile() {}

    public static Path of(Path dataDir) {
        return dataDir.resolve(RELATIVE_PATH);
    }

    /** Writes the TEST interactions (an empty file with its header when there are none). */
    public static Path write(Path dataDir, List<Interaction> interactions) {
        return write(of(dataDir), interactions, Split.TEST);
    }

    /**
     * Writes the split actually used, so another tool (or another run) can reuse it exactly:
     * {@code <dataDir>/split/{train,eval,test}.tsv} in the held-out format.
     */
    public static void writeSplit(Path dataDir, List<Interaction> interactions) {
        for (Split part : List.of(Split.TRAIN, Split.EVAL, Split.TEST)) {
            if (interactions.stream().anyMatch(x -> x.split() == part)) {
                write(dataDir.resolve("split").resolve(part.graphName() + ".tsv"), interactions, part);
            }
        }
    }

    private static Path write(Path target, List<Interaction> interactions, Split part) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "test", ".tsv.tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                for (Interaction x : interactions) {
                    if (x.split() != part) {
                        continue;
                    }
                    w.write(x.userId() + "\t" + x.itemId() + "\t" + x.label() + "\t"
                            + (Double.isNaN(x.rating()) ? "NaN" : Double.toString(x.rating())) + "\t" + x.timestamp());
                    w.newLine();
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the held-out test file " + target, e);
        }
    }

    /** Reads the held-out file back (for the evaluator and tests). */
    public static List<Interaction> read(Path file) {
        return read(file, Split.TEST);
    }

    /** Reads a file of this format, marking every row with {@code split}. */
    public static List<Interaction> read(Path file, Split split) {
        List<Interaction> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || !line.equals(HEADER)) {
                throw new IllegalArgumentException(file + ":1: expected the header `" + HEADER + "`");
            }
            long n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalArgumentException(file + ":" + n + ": expected 5 tab-separated fields, got " + f.length);
                }
                out.add(new Interaction(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                        Long.parseLong(f[4]), split));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the held-out test file " + file, e);
        }
        return out;
    }
}
