package org.mmkgrec.loader.rdf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.mmkgrec.loader.source.EntityInfo;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.MmkgSink;
import org.mmkgrec.loader.source.TextLines;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.triples.LinkFileReader;

/**
 * A knowledge graph in RDF (N-Triples, Turtle), streamed through Jena RIOT into the sink.
 *
 * <ul>
 *   <li>IRI or blank-node objects become KG triples; entity ids are the full IRIs, relation names are
 *       shortened for people: {@code prefix:local} when the file declares a prefix covering the
 *       predicate, else the local name after the last {@code /} or {@code #}.</li>
 *   <li>Blank nodes get ids that are the same on every parse of the same file ({@link BlankNodeIds}):
 *       {@code _:b0} becomes {@code _:<12 hex digits of the file's SHA-256>:b0}, an unlabelled node
 *       {@code _:<hash>#n} in order of appearance. So a load interrupted and run again finds the
 *       entities it wrote, and blank nodes of two files stay apart.</li>
 *   <li>{@code rdfs:label}, {@code schema:name} and {@code foaf:name} literals name entities.</li>
 *   <li>Items link to entities through a TSV link file (item id, entity IRI) and/or a predicate of the
 *       RDF itself whose literal object is the item id ({@link Config#itemPredicate()}).</li>
 *   <li>Other literals are not part of the graph model's KG: they are counted and skipped.</li>
 * </ul>
 * Under {@link ErrorPolicy#SKIP}, a bad N-Triples line is reported and parsing resumes on the next
 * line (each N-Triples line stands alone). Turtle statements may span lines, so a Turtle syntax error
 * always stops the load. So does a byte that is not UTF-8 (RIOT would replace it silently): the
 * file is checked first, the message names the line.
 */
public final class RdfKgReader {
    /** The default item-link predicate: {@code <entity> <urn:mmkg:item> "itemId"}. */
    public static final String ITEM_PREDICATE = "urn:mmkg:item";

    static final Set<String> NAME_PREDICATES = Set.of(
            "http://www.w3.org/2000/01/rdf-schema#label", "http://schema.org/name", "https://schema.org/name",
            "http://xmlns.com/foaf/0.1/name");

    /**
     * @param lang null: from the file extension (.nt, .ttl, ...)
     * @param linkFile TSV item id -> entity IRI, or null
     * @param itemPredicate IRI of a predicate whose literal object is an item id, or null
     * @param knownItems items of the data set (links to others are errors), or null to accept any
     */
    public record Config(Path file, Lang lang, Path linkFile, String itemPredicate, Set<String> knownItems) {
        public Config {
            if (lang == null) {
                lang = RDFLanguages.filenameToLang(file.getFileName().toString());
                if (lang == null) {
                    throw new IllegalArgumentException("cannot tell the RDF syntax of " + file
                            + " from its extension (.nt, .ttl, .rdf, .jsonld, ...)");
                }
            }
        }
    }

    /** Counts of what was read. */
    public record Result(long triples, long names, long links, long literalsSkipped, long badLines) {}

    private final Config config;
    private final InputErrors errors;

    public RdfKgReader(Config config, InputErrors errors) {
        this.config = config;
        this.errors = errors;
    }

    public Result read(MmkgSink sink) {
        if (Stream.of(Lang.NTRIPLES, Lang.TURTLE, Lang.NQUADS, Lang.TRIG, Lang.N3)
                .anyMatch(l -> RDFLanguages.sameLang(l, config.lang()))) {
            // these syntaxes are UTF-8 by definition, but RIOT replaces bad bytes with U+FFFD silently
            TextLines.requireText(config.file(), StandardCharsets.UTF_8);
        }
        Sink rdf = new Sink(sink);
        BlankNodeIds blanks = new BlankNodeIds(config.file());
        long badLines = RDFLanguages.sameLang(config.lang(), Lang.NTRIPLES) && errors.policy() == ErrorPolicy.SKIP
                ? parseNTriplesSkippingBadLines(rdf, blanks)
                : parse(rdf, blanks);
        long links = config.linkFile() == null ? 0
                : new LinkFileReader(config.linkFile(), config.knownItems(), errors).read(sink);
        return new Result(rdf.triples, rdf.namesRead, rdf.links + links, rdf.literalsSkipped, badLines);
    }

    private long parse(Sink rdf, BlankNodeIds blanks) {
        try {
            RDFParser.source(config.file()).lang(config.lang()).errorHandler(new Locating(config.file(), 0))
                    .labelToNode(blanks.labelToNode()).parse(rdf);
        } catch (RiotException e) {
            throw located(e, 0);
        }
        return 0;
    }

    /** Parses from the first line; on a bad line reports it and resumes after it. */
    private long parseNTriplesSkippingBadLines(Sink rdf, BlankNodeIds blanks) {
        long offset = 0;
        long bad = 0;
        while (true) {
            try (BufferedReader r = Files.newBufferedReader(config.file(), StandardCharsets.UTF_8)) {
                for (long i = 0; i < offset; i++) {
                    r.readLine();
                }
                try {
                    RDFParser.create().source((Reader) r).lang(Lang.NTRIPLES).errorHandler(new Locating(config.file(), offset))
                            .labelToNode(blanks.labelToNode()).parse(rdf);
                    return bad;
                } catch (LocatedRiotException e) {
                    errors.report(config.file(), e.line, null, e.getMessage());
                    bad++;
                    offset = e.line; // resume on the line after the bad one
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + config.file(), e);
            }
        }
    }

    private RuntimeException located(RiotException e, long offset) {
        if (e instanceof LocatedRiotException l) {
            return new InputException(config.file(), l.line, null, l.getMessage());
        }
        return new InputException(config.file(), 0, null, e.getMessage());
    }

    /** Jena reports errors with a line and column; keep them, shifted by where parsing started. */
    static final class Locating implements ErrorHandler {
        private final Path file;
        private final long offset;

        Locating(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        @Override
        public void warning(String message, long line, long col) {}

        @Override
        public void error(String message, long line, long col) {
            throw new LocatedRiotException(message + (col > 0 ? " (column " + col + ")" : ""), offset + Math.max(line, 1));
        }

        @Override
        public void fatal(String message, long line, long col) {
            error(message, line, col);
        }
    }

    static final class LocatedRiotException extends RiotException {
        final long line;

        LocatedRiotException(String message, long line) {
            super(message);
            this.line = line;
        }
    }

    /** Turns RDF statements into MMKG records. */
    private final class Sink extends StreamRDFBase implements StreamRDF {
        private final MmkgSink sink;
        private final RelationNames names = new RelationNames();
        long triples;
        long namesRead;
        long links;
        long literalsSkipped;

        Sink(MmkgSink sink) {
            this.sink = sink;
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
            if (o.isLiteral()) {
                String value = o.getLiteralLexicalForm();
                if (predicate.equals(config.itemPredicate())) {
                    if (config.knownItems() != null && !config.knownItems().contains(value)) {
                        // RIOT does not tell a sink the line of a statement: the message names the entity
                        errors.report(config.file(), 0, "itemPredicate",
                                "unknown item `" + value + "` linked to " + subject);
                        return;
                    }
                    ItemLink link = new ItemLink(value, subject);
                    if (errors.rules().link(config.file(), 0, "itemPredicate", "subject", link)) {
                        sink.link(link);
                        links++;
                    }
                } else if (NAME_PREDICATES.contains(predicate)) {
                    sink.entity(new EntityInfo(subject, value));
                    namesRead++;
                } else {
                    literalsSkipped++;
                }
                return;
            }
            sink.triple(new Triple(subject, names.shortName(predicate), id(o)));
            triples++;
        }

        private String id(Node n) {
            return n.isBlank() ? BlankNodeIds.entityId(n) : n.getURI();
        }

    }
}
