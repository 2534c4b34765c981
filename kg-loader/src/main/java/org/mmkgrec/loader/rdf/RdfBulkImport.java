package org.mmkgrec.loader.rdf;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDFBase;
import org.mmkgrec.loader.source.InputException;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * First load of a large RDF knowledge graph into an EMPTY store through Neo4j's offline bulk
 * importer (the engine of {@code neo4j-admin database import full}), which writes store files
 * directly instead of going through transactions: Jena RIOT streams the triples into the importer's
 * CSV input (an N-Triples file of 8 MiB or more is cut into line-aligned byte ranges parsed on all
 * cores at once), entities numbered densely as first seen so the importer uses the numbers as
 * node ids without an id map (entities as {@code (:Entity {entityId, name})}, items as {@code (:Item:Entity {id,
 * entityId})}, KG triples as relationships typed by the relation's short name, as
 * {@link RdfKgReader} names them), then the importer builds the database the embedded store opens.
 *
 * <p>Refuses a store that already holds a database: incremental loads go through the
 * transactional loader, which never duplicates and resumes after failures. Uniqueness constraints
 * are created by the graph store when it next starts (schema.cypher).
 */
public final class RdfBulkImport {

    /** What was imported, and how long each half took. */
    public record Result(long entities, long items, long triples, long literalsSkipped, double parseSeconds,
            double importSeconds) {
        public double seconds() {
            return parseSeconds + importSeconds;
        }
    }

    private RdfBulkImport() {}

    /** Files smaller than this are parsed on one thread. */
    static final long PARALLEL_FROM_BYTES = 8L << 20;

    /**
     * @param storeHome the graph store's home directory (as GraphStoreConfig names it); must hold no database
     * @param workDir   where the importer's CSV input and report go (deleted afterwards)
     * @param itemPredicate predicate whose literal object is an item id, or null
     */
    public static Result run(Path rdf, Lang lang, Path home, Path work, String itemPredicate) {
        int parts = (lang == null || lang == Lang.NTRIPLES) && size(rdf) >= PARALLEL_FROM_BYTES
                ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
        return run(rdf, lang, home, work, itemPredicate, parts);
    }

    /**
     * As {@link #run(Path, Lang, Path, Path, String)} with the parse split into {@code parts} byte
     * ranges of the file parsed in parallel (N-Triples only: one statement per line, so a range
     * that starts and ends at line breaks parses on its own).
     */
    static Result run(Path rdf, Lang lang, Path home, Path work, String itemPredicate, int parts) {
        Path storeHome = home.toAbsolutePath();
        Path workDir = work.toAbsolutePath();
        Path database = storeHome.resolve("data/databases/neo4j");
        if (Files.exists(database.resolve("neostore")) || Files.exists(storeHome.resolve("data/transactions/neo4j"))) {
            throw new IllegalStateException("bulk import needs an empty store, but " + storeHome
                    + " already holds a database; load into it with the transactional loader (./mmkg load)");
        }
        Lang syntax = lang != null ? lang : Lang.NTRIPLES;
        if (parts > 1 && syntax != Lang.NTRIPLES) {
            throw new IllegalArgumentException("only N-Triples can be parsed in parallel, not " + syntax.getName());
        }
        try {
            Files.createDirectories(workDir);
            Path nodes = workDir.resolve("nodes.csv");
            long t0 = System.nanoTime();
            Entities entities = new Entities(itemPredicate);
            long[] bounds = parts > 1 ? lineAlignedBounds(rdf, parts) : new long[] {0, size(rdf)};
            List<Part> done = new ArrayList<>();
            List<Callable<Part>> tasks = new ArrayList<>();
            for (int k = 0; k + 1 < bounds.length; k++) {
                Path out = workDir.resolve("relationships-" + k + ".csv");
                long from = bounds[k];
                long to = bounds[k + 1];
                boolean header = k == 0;
                tasks.add(() -> parse(rdf, syntax, from, to, out, header, entities));
            }
            if (tasks.size() == 1) {
                done.add(tasks.get(0).call());
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
                try {
                    for (Future<Part> f : pool.invokeAll(tasks)) {
                        done.add(f.get());
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdownNow();
                }
            }
            entities.writeNodes(nodes);
            double parse = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            List<Path> relationships = done.stream().map(Part::file).toList();
            importCsv(storeHome, workDir, nodes, relationships);
            double imported = (System.nanoTime() - t1) / 1e9;
            if (!Boolean.getBoolean("mmkg.keepImportInput")) {
                Files.deleteIfExists(nodes);
                for (Path r : relationships) {
                    Files.deleteIfExists(r);
                }
            }
            return new Result(entities.size(), entities.items.get(), done.stream().mapToLong(Part::triples).sum(),
                    done.stream().mapToLong(Part::literalsSkipped).sum(), parse, imported);
        } catch (IOException e) {
            throw new UncheckedIOException("bulk import of " + rdf + " failed", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("bulk import of " + rdf + " failed", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code parts + 1} offsets from 0 to the file's size, each inner one just after a line break. */
    static long[] lineAlignedBounds(Path file, int parts) throws IOException {
        long size = Files.size(file);
        long[] bounds = new long[parts + 1];
        bounds[parts] = size;
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            for (int k = 1; k < parts; k++) {
                long pos = Math.max(bounds[k - 1], size * k / parts);
                long found = size;
                search:
                while (pos < size) {
                    buf.clear();
                    int n = ch.read(buf, pos);
                    if (n <= 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        if (buf.get(i) == '\n') {
                            found = pos + i + 1;
                            break search;
                        }
                    }
                    pos += n;
                }
                bounds[k] = found;
            }
        }
        return bounds;
    }

    /** One parsed range: its relationships file and counts. */
    private record Part(Path file, long triples, long literalsSkipped) {}

    /**
     * Parses one byte range. Blank node labels are kept as written (the whole file is one document
     * and the store is empty, so {@code _:b} is one node however the file is cut).
     */
    private static Part parse(Path rdf, Lang lang, long from, long to, Path out, boolean header, Entities entities)
            throws IOException {
        try (FileChannel ch = FileChannel.open(rdf);
                InputStream in = BoundedInputStream.builder()
                        .setInputStream(new BufferedInputStream(Channels.newInputStream(ch.position(from)), 1 << 16))
                        .setMaxCount(to - from).get();
                Csv csv = new Csv(out, header, entities)) {
            try {
                RDFParser.source(in).lang(lang).errorHandler(new RdfKgReader.Locating(rdf, 0))
                        .labelToNode(LabelToNode.createUseLabelAsGiven()).parse(csv);
            } catch (RdfKgReader.LocatedRiotException e) {
                // the range's parser counts from the range's start; the lines before it only when needed
                throw new InputException(rdf, linesBefore(rdf, from) + e.line, null, e.getMessage());
            }
            return new Part(out, csv.triples, csv.literalsSkipped);
        }
    }

    /** Lines (line breaks) in the first {@code bytes} of the file: where a range's line 1 sits. */
    private static long linesBefore(Path file, long bytes) throws IOException {
        long lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (long k = 0; k < bytes; k++) {
                if (in.read() == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }

    private static void importCsv(Path storeHome, Path workDir, Path nodes, List<Path> relationships) throws IOException {
        Path conf = workDir.resolve("conf");
        Files.createDirectories(conf);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
                DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            ExecutionContext context = new ExecutionContext(storeHome, conf, out, out, fs);
            int exit = new CommandLine(new ImportCommand.Full(context)).execute(
                    "--nodes=" + nodes, "--relationships=" + relationships.stream().map(Path::toString).collect(Collectors.joining(",")), "--id-type=actual",
                    "--threads=" + Math.max(1, Runtime.getRuntime().availableProcessors()),
                    "--report-file=" + workDir.resolve("import.report"), "--quote=\"", "neo4j");
            Files.write(workDir.resolve("import.log"), log.toByteArray());
            if (exit != 0) {
                throw new IllegalStateException("Neo4j's importer failed (exit " + exit + "):\n" + log.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The entities seen by every parser: node id (dense from 0, in order of first sight, so the
     * importer takes them as they are with {@code --id-type=actual}), names and item ids.
     */
    private static final class Entities {
        private final String itemPredicate;
        private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final ConcurrentHashMap<Integer, String> names = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Integer, String> itemIds = new ConcurrentHashMap<>();
        final AtomicLong items = new AtomicLong();

        Entities(String itemPredicate) {
            this.itemPredicate = itemPredicate;
        }

        int node(String id) {
            Integer n = ids.get(id);
            return n != null ? n : ids.computeIfAbsent(id, k -> next.getAndIncrement());
        }

        int size() {
            return ids.size();
        }

        void writeNodes(Path file) throws IOException {
            String[] byNode = new String[ids.size()];
            ids.forEach((id, n) -> byNode[n] = id);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(":ID,entityId,name,id,:LABEL\n");
                for (int n = 0; n < byNode.length; n++) {
                    String name = names.get(n);
                    String item = itemIds.get(n);
                    w.write(Integer.toString(n));
                    w.write(',');
                    quoted(w, byNode[n]);
                    w.write(',');
                    if (name != null) {
                        quoted(w, name);
                    }
                    w.write(',');
                    if (item != null) {
                        quoted(w, item);
                    }
                    w.write(item != null ? ",Item;Entity\n" : ",Entity\n");
                }
            }
        }
    }

    /** One parser's RDF statements to the importer's relationship CSV; entities go to the shared {@link Entities}. */
    private static final class Csv extends StreamRDFBase implements AutoCloseable {
        private final BufferedWriter rels;
        private final Entities entities;
        private final RelationNames names = new RelationNames();
        long triples;
        long literalsSkipped;

        Csv(Path relationships, boolean header, Entities entities) throws IOException {
            this.rels = new BufferedWriter(Files.newBufferedWriter(relationships, StandardCharsets.UTF_8), 1 << 16);
            this.entities = entities;
            if (header) {
                rels.write(":START_ID,:END_ID,:TYPE\n");
            }
        }

        @Override
        public void prefix(String prefix, String iri) {
            names.prefix(prefix, iri);
        }

        @Override
        public void triple(org.apache.jena.graph.Triple t) {
            String subject = id(t.getSubject());
            String predicate = t.getPredicate().getURI();
            Node o = t.getObject();
            try {
                if (o.isLiteral()) {
                    String value = o.getLiteralLexicalForm();
                    if (predicate.equals(entities.itemPredicate)) {
                        if (entities.itemIds.put(entities.node(subject), value) == null) {
                            entities.items.incrementAndGet();
                        }
                    } else if (RdfKgReader.NAME_PREDICATES.contains(predicate)) {
                        entities.names.put(entities.node(subject), value);
                    } else {
                        literalsSkipped++;
                    }
                    return;
                }
                int from = entities.node(subject);
                int to = entities.node(id(o));
                rels.write(Integer.toString(from));
                rels.write(',');
                rels.write(Integer.toString(to));
                rels.write(',');
                quoted(rels, names.shortName(predicate));
                rels.write('\n');
                triples++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            rels.close();
        }

        private static String id(Node n) {
            return n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.getURI();
        }
    }

    private static void quoted(BufferedWriter w, String value) throws IOException {
        w.write('"');
        w.write(value.indexOf('"') >= 0 ? value.replace("\"", "\"\"") : value);
        w.write('"');
    }
}
