package org.mmkgrec.service.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./mmkg stats}: the graph's counts as JSON (nodes by label, relationships by type). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print the store's node counts by label and relationship counts by type as JSON.")
final class StatsCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data.dataDir.resolve("graph"))) {
            throw new IllegalArgumentException("no store under " + data.dataDir + ": run ./mmkg load --data " + data.dataDir + " first");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Long> labels = new LinkedHashMap<>();
        Map<String, Long> types = new LinkedHashMap<>();
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(data.dataDir.resolve("graph"), data.pageCache));
             Transaction tx = store.db().beginTx();
             Result rows = tx.execute("CALL mmkg.stats() YIELD kind, name, count RETURN kind, name, count")) {
            rows.forEachRemaining(r -> ("label".equals(r.get("kind")) ? labels : types)
                    .put((String) r.get("name"), ((Number) r.get("count")).longValue()));
            out.put("nodes", labels);
            out.put("relationships", types);
            Result ds = tx.execute("MATCH (d:Dataset) RETURN d.name AS name, d.split AS split, d.status AS status, "
                    + "d.loadedAt AS loadedAt, d.coEntityThreshold AS coEntityThreshold");
            if (ds.hasNext()) {
                out.put("dataset", ds.next());
            }
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        return 0;
    }
}
