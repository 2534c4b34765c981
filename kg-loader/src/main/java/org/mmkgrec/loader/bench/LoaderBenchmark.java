package org.mmkgrec.loader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.mmkgrec.loader.graph.GraphWriter;
import org.mmkgrec.loader.rdf.RdfBulkImport;
import org.mmkgrec.loader.rdf.RdfKgReader;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/**
 * Loader throughput on a generated N-Triples KG, in one run: Jena's raw parse rate (a counting
 * sink), our reader's rate (RDF -> records), the rate at which the graph writer puts KG triples
 * into Neo4j transactionally, and the rate of the bulk importer (first loads into an empty store). Prints the figures; run with {@code ./mmkg bench-load}.
 */
public final class LoaderBenchmark {

    public record Figures(long triples, double jenaParsePerSecond, double readerPerSecond, double neo4jWritePerSecond,
                          double writeSeconds, RdfBulkImport.Result bulk, double bulkOpenSeconds) {
        public String describe() {
            return String.format("""
                    loader benchmark: %,d KG triples (N-Triples, generated)
                      Jena raw parse:        %,12.0f triples/s
                      RDF reader -> records: %,12.0f triples/s
                      graph writer -> Neo4j: %,12.0f triples/s (%.1f s; transactional, any store)
                      bulk import -> Neo4j:  %,12.0f triples/s (%.1f s: parse to importer input %.1f s, import %.1f s;
                                                           first load into an empty store; %,d entities; store opened
                                                           and checked in %.1f s, uniqueness constraints included)
                    """, triples, jenaParsePerSecond, readerPerSecond, neo4jWritePerSecond, writeSeconds,
                    bulk.triples() / bulk.seconds(), bulk.seconds(), bulk.parseSeconds(), bulk.importSeconds(),
                    bulk.entities(), bulkOpenSeconds);
        }
    }

    private LoaderBenchmark() {}

    public static Figures run(Path workDir, long triples, int batchSize, String pageCache) {
        try {
            Files.createDirectories(workDir);
            Path nt = workDir.resolve("synthetic-" + triples + ".nt");
            if (!Files.isRegularFile(nt)) {
                SyntheticKg.write(nt, triples, 42);
            }
            // 1. Jena alone, twice (the first pass warms the JIT; the second is reported)
            double jena = 0;
            for (int pass = 0; pass < 2; pass++) {
                long[] count = {0};
                long t0 = System.nanoTime();
                RDFParser.source(nt).lang(Lang.NTRIPLES).parse(new StreamRDFBase() {
                    @Override
                    public void triple(org.apache.jena.graph.Triple t) {
                        count[0]++;
                    }
                });
                jena = count[0] / ((System.nanoTime() - t0) / 1e9);
            }
            // 2. our reader into records
            DatasetBuffer data = new DatasetBuffer();
            long t1 = System.nanoTime();
            new RdfKgReader(new RdfKgReader.Config(nt, Lang.NTRIPLES, null, RdfKgReader.ITEM_PREDICATE, null),
                    InputErrors.stopping()).read(data);
            double reader = data.triples.size() / ((System.nanoTime() - t1) / 1e9);
            data.links.forEach(l -> data.items.add(new ItemInfo(l.itemId(), null, Map.of())));
            // 3. the graph writer into a fresh store
            Path home = workDir.resolve("store-" + System.nanoTime());
            double writeRate;
            double writeSeconds;
            try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, pageCache))) {
                GraphWriter.Summary s = new GraphWriter(store.db(), new GraphWriter.Options("synthetic", "none",
                        "bench", Integer.MAX_VALUE - 1, batchSize, false, false, Map.of())).write(data);
                writeRate = data.triples.size() / s.tripleSeconds();
                writeSeconds = s.tripleSeconds();
            } finally {
                deleteTree(home);
            }
            // 4. the bulk importer into another fresh store, then opened by the graph store and checked
            Path bulkHome = workDir.resolve("bulk-" + System.nanoTime());
            try {
                RdfBulkImport.Result bulk = RdfBulkImport.run(nt, Lang.NTRIPLES, bulkHome, workDir.resolve("bulk-input"),
                        RdfKgReader.ITEM_PREDICATE);
                long t3 = System.nanoTime();
                try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(bulkHome, pageCache))) {
                    long rels = store.db().executeTransactionally("MATCH ()-[r]->() RETURN count(r) AS c", Map.of(),
                            r -> ((Number) r.next().get("c")).longValue());
                    if (rels != data.triples.size()) {
                        throw new IllegalStateException("bulk import holds " + rels + " relationships, expected "
                                + data.triples.size());
                    }
                }
                return new Figures(data.triples.size(), jena, reader, writeRate, writeSeconds, bulk,
                        (System.nanoTime() - t3) / 1e9);
            } finally {
                deleteTree(bulkHome);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
