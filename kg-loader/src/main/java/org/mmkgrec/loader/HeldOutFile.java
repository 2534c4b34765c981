package org.mmkgrec.loader;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.Split;

/**
 * The test part of the chosen split, kept outside the graph: {@code <dataDir>/heldout/test.tsv},
 * header {@code user item label rating timestamp}, tab-separated. Only the evaluator reads it, so
 * neither training nor recommendation queries can see test interactions. Written atomically and
 * durably (forced to disk, renamed into place, directory forced), and by {@link LoadJob} before the
 * {@code (:Dataset)} node is marked complete: a complete data set always has its held-out file.
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

    /**
     * Durable replacement of {@code target}: the rows go to a temporary file in the same directory,
     * which is forced to disk, moved over the target atomically, and then the directory itself is
     * forced so the rename survives a power cut. A reader sees the old file or the whole new one.
     */
    private static Path write(Path target, List<Interaction> interactions, Split part) {
        Path tmp = null;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                         StandardCharsets.UTF_8.newEncoder()))) {
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
                w.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            forceDirectory(dir);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the held-out test file " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed already; a stray temporary file is the lesser problem
                }
            }
        }
    }

    /** Makes a rename in {@code dir} durable (fsync of the directory; POSIX only, Windows cannot open a directory). */
    private static void forceDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
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
