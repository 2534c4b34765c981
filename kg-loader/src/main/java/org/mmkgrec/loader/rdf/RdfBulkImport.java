package org.mmkgrec.loader.rdf;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * First load of a large RDF knowledge graph into an EMPTY store through Neo4j's offline bulk
 * importer (the engine of {@code neo4j-admin database import full}), which writes store files
 * directly instead of going through transactions: Jena RIOT streams the triples into the importer's
 * CSV input, entities numbered densely in order of first sight so the importer uses the numbers as
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

    /**
     * @param storeHome the graph store's home directory (as GraphStoreConfig names it); must hold no database
     * @param workDir   where the importer's CSV input and report go (deleted afterwards)
     * @param itemPredicate predicate whose literal object is an item id, or null
     */
    public static Result run(Path rdf, Lang lang, Path home, Path work, String itemPredicate) {
        Path storeHome = home.toAbsolutePath();
        Path workDir = work.toAbsolutePath();
        Path database = storeHome.resolve("data/databases/neo4j");
        if (Files.exists(database.resolve("neostore")) || Files.exists(storeHome.resolve("data/transactions/neo4j"))) {
            throw new IllegalStateException("bulk import needs an empty store, but " + storeHome
                    + " already holds a database; load into it with the transactional loader (./mmkg load)");
        }
        try {
            Files.createDirectories(workDir);
            Path nodes = workDir.resolve("nodes.csv");
            Path relationships = workDir.resolve("relationships.csv");
            long t0 = System.nanoTime();
            Csv csv = new Csv(relationships, itemPredicate);
            try (csv) {
                RDFParser.source(rdf).lang(lang != null ? lang : Lang.NTRIPLES).parse(csv);
            }
            csv.writeNodes(nodes);
            double parse = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            importCsv(storeHome, workDir, nodes, relationships);
            double imported = (System.nanoTime() - t1) / 1e9;
            Files.deleteIfExists(nodes);
            Files.deleteIfExists(relationships);
            return new Result(csv.entities.size(), csv.items, csv.triples, csv.literalsSkipped, parse, imported);
        } catch (IOException e) {
            throw new UncheckedIOException("bulk import of " + rdf + " failed", e);
        }
    }

    private static void importCsv(Path storeHome, Path workDir, Path nodes, Path relationships) throws IOException {
        Path conf = workDir.resolve("conf");
        Files.createDirectories(conf);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
                DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            ExecutionContext context = new ExecutionContext(storeHome, conf, out, out, fs);
            int exit = new CommandLine(new ImportCommand.Full(context)).execute(
                    "--nodes=" + nodes, "--relationships=" + relationships, "--id-type=actual",
                    "--threads=" + Math.max(1, Runtime.getRuntime().availableProcessors()),
                    "--report-file=" + workDir.resolve("import.report"), "--quote=\"", "neo4j");
            Files.write(workDir.resolve("import.log"), log.toByteArray());
            if (exit != 0) {
                throw new IllegalStateException("Neo4j's importer failed (exit " + exit + "):\n" + log.toString(StandardCharsets.UTF_8));
            }
        }
    }

    /** RDF statements to the importer's CSV: relationships while parsing, nodes at the end. */
    private static final class Csv extends StreamRDFBase implements AutoCloseable {
        private final BufferedWriter rels;
        private final String itemPredicate;
        private final RelationNames names = new RelationNames();
        /** entity id -> its node id (dense, in order of first sight), and names / item ids by node id */
        final Map<String, Integer> entities = new HashMap<>();
        private final java.util.List<String> ids = new java.util.ArrayList<>();
        private final Map<Integer, String> entityNames = new HashMap<>();
        private final Map<Integer, String> itemIds = new HashMap<>();
        long triples;
        long items;
        long literalsSkipped;

        Csv(Path relationships, String itemPredicate) throws IOException {
            this.rels = Files.newBufferedWriter(relationships, StandardCharsets.UTF_8);
            this.itemPredicate = itemPredicate;
            rels.write(":START_ID,:END_ID,:TYPE\n");
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
                    if (predicate.equals(itemPredicate)) {
                        if (itemIds.put(entity(subject), value) == null) {
                            items++;
                        }
                    } else if (RdfKgReader.NAME_PREDICATES.contains(predicate)) {
                        entityNames.put(entity(subject), value);
                    } else {
                        literalsSkipped++;
                    }
                    return;
                }
                int from = entity(subject);
                int to = entity(id(o));
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

        /** The node id of an entity: dense from 0, so the importer takes them as they are ({@code --id-type=actual}). */
        private int entity(String id) {
            Integer n = entities.get(id);
            if (n == null) {
                n = ids.size();
                entities.put(id, n);
                ids.add(id);
            }
            return n;
        }

        void writeNodes(Path file) throws IOException {
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(":ID,entityId,name,id,:LABEL\n");
                for (int n = 0; n < ids.size(); n++) {
                    String name = entityNames.get(n);
                    String item = itemIds.get(n);
                    w.write(Integer.toString(n));
                    w.write(',');
                    quoted(w, ids.get(n));
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

        @Override
        public void close() throws IOException {
            rels.close();
        }

        private static String id(Node n) {
            return n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.getURI();
        }

        private static void quoted(BufferedWriter w, String value) throws IOException {
            w.write('"');
            w.write(value.indexOf('"') >= 0 ? value.replace("\"", "\"\"") : value);
            w.write('"');
        }
    }
}
