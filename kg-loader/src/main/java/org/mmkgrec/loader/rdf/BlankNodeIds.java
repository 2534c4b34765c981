package org.mmkgrec.loader.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.MapWithScope;

/**
 * Blank node ids that are the same on every parse of the same file, so that a load interrupted and
 * run again (or an N-Triples parse restarted after a skipped bad line) finds the entities it wrote
 * the first time. Jena's default labelling draws fresh random labels on every parse, which is right
 * for merging documents into one graph but makes a resumed load write new entities.
 *
 * <ul>
 *   <li>A labelled blank node ({@code _:b0} in N-Triples or Turtle, {@code rdf:nodeID} in RDF/XML)
 *       keeps its label, scoped by the file: {@code _:<scope>:b0}.</li>
 *   <li>An unlabelled one (Turtle's {@code []}, {@code [ ... ]} and collections, RDF/XML's nested
 *       descriptions) is numbered in order of appearance: {@code _:<scope>#0}, {@code _:<scope>#1}, ...
 *       The same bytes give the same numbers; {@code #} cannot appear in a label, so a numbered node
 *       never meets a labelled one.</li>
 *   <li>The scope is the first 12 hex digits of the SHA-256 of the file's bytes: blank nodes of two
 *       different files never merge (RDF scopes a blank node label to its document), and the ids
 *       do not depend on where the file lies or what it is called, exactly like the load's input
 *       fingerprint (a renamed or moved file still resumes). The file is hashed once, at its first
 *       blank node; files without blank nodes cost nothing extra.</li>
 * </ul>
 * One instance serves one file; its {@link #labelToNode()} may be handed to several parsers of that
 * file in turn (the numbering of unlabelled nodes continues).
 */
final class BlankNodeIds {
    /** Hex digits of the file hash in each id (48 bits). */
    static final int SCOPE_HEX_DIGITS = 12;

    private final Path file;
    private String scope;
    private long unlabelled;

    BlankNodeIds(Path file) {
        this.file = file;
    }

    /** The labelling policy to give {@code RDFParser.labelToNode(..)}. */
    LabelToNode labelToNode() {
        return new LabelToNode(new NoScopeMap(), new MapWithScope.Allocator<>() {
            @Override
            public Node alloc(Node graphScope, String label) {
                return NodeFactory.createBlankNode(scope() + ":" + label);
            }

            @Override
            public Node create() {
                return NodeFactory.createBlankNode(scope() + "#" + unlabelled++);
            }

            @Override
            public void reset() {
                // one file, one numbering: a restarted parse of the same file continues it
            }
        });
    }

    /** The entity id of a blank node this policy made. */
    static String entityId(Node blank) {
        return "_:" + blank.getBlankNodeLabel();
    }

    private String scope() {
        if (scope == null) {
            scope = hash(file).substring(0, SCOPE_HEX_DIGITS);
        }
        return scope;
    }

    private static String hash(Path file) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to scope its blank nodes", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Labels map to nodes by the allocator alone (no table): the same label, the same node. */
    private static final class NoScopeMap implements MapWithScope.ScopePolicy<String, Node, Node> {
        @Override
        public Map<String, Node> getScope(Node graphScope) {
            return null;
        }

        @Override
        public void clear() {}
    }
}
