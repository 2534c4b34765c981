package org.mmkgrec.cypher.rec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.event.DatabaseEventContext;
import org.neo4j.graphdb.event.DatabaseEventListener;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * One value per database (the serving engine, the global tag cache), kept current by a commit
 * listener: created with its listener on first use, and forgotten, its listeners unregistered,
 * when the database shuts down or is dropped, so a restarted store starts afresh.
 */
final class PerDatabase<T> {
    private record Key(DatabaseManagementService dbms, String database) {}

    private final Map<Key, T> values = new ConcurrentHashMap<>();

    /**
     * The value of {@code db}: {@code create} makes it on first use and {@code listener} gives the
     * commit listener registered with it.
     */
    T of(GraphDatabaseService db, Function<GraphDatabaseService, T> create, Function<T, TransactionEventListener<?>> listener) {
        DatabaseManagementService dbms = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(DatabaseManagementService.class);
        Key key = new Key(dbms, db.databaseName());
        return values.computeIfAbsent(key, k -> {
            T value = create.apply(db);
            TransactionEventListener<?> commits = listener.apply(value);
            dbms.registerTransactionEventListener(k.database(), commits);
            dbms.registerDatabaseEventListener(new DatabaseEventListener() {
                @Override
                public void databaseStart(DatabaseEventContext event) {}

                @Override
                public void databasePanic(DatabaseEventContext event) {}

                @Override
                public void databaseCreate(DatabaseEventContext event) {}

                @Override
                public void databaseDrop(DatabaseEventContext event) {
                    databaseShutdown(event);
                }

                @Override
                public void databaseShutdown(DatabaseEventContext event) {
                    if (event.getDatabaseName().equals(k.database()) && values.remove(k, value)) {
                        try {
                            dbms.unregisterTransactionEventListener(k.database(), commits);
                            dbms.unregisterDatabaseEventListener(this);
                        } catch (RuntimeException ignored) {
                            // the DBMS is going away with its listeners
                        }
                    }
                }
            });
            return value;
        });
    }
}
