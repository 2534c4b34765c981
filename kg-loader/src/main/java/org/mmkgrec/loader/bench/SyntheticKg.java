package org.mmkgrec.loader.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.mmkgrec.loader.rdf.RdfKgReader;

/**
 * A reproducible N-Triples knowledge graph for load benchmarks: {@code triples} KG triples over
 * {@code triples / 10} entities and 200 relations, heads drawn uniformly, tails from a skewed
 * (squared-uniform) distribution so a few hub entities collect many edges as in real KGs; the first
 * tenth of the entities are items, linked with {@link RdfKgReader#ITEM_PREDICATE}.
 */
public final class SyntheticKg {
    private static final int RELATIONS = 200;
    private SyntheticKg() {}

    /** @return the number of item links written (in addition to {@code triples} KG triples) */
    public static long write(Path file, long triples, long seed) {
        long entities = Math.max(10, triples / 10);
        long items = Math.max(1, entities / 10);
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < items; i++) {
                w.write("<http://example.org/entity/" + i + "> <" + RdfKgReader.ITEM_PREDICATE + "> \"" + i + "\" .\n");
            }
            for (long t = 0; t < triples; t++) {
                long head = random.nextLong(entities);
                double u = random.nextDouble();
                long tail = (long) (u * u * entities);
                int relation = random.nextInt(RELATIONS);
                w.write("<http://example.org/entity/" + head + "> <http://example.org/relation/r" + relation
                        + "> <http://example.org/entity/" + tail + "> .\n");
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
