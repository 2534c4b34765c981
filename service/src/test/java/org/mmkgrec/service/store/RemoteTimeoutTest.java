package org.mmkgrec.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;

/** A Neo4j server's timeout answers become the same 503 as the embedded store's. */
class RemoteTimeoutTest {

    @Test
    void theServersTimeoutCodesBecomeGraphTimeouts() {
        for (String code : new String[] {"Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                "Neo.ClientError.Transaction.TransactionTimedOut"}) {
            RuntimeException e = RemoteBackend.translate(new ClientException(code, "terminated"), Duration.ofSeconds(5));
            assertThat(e).isInstanceOf(GraphTimeoutException.class).hasMessageContaining("5 s");
        }
    }

    @Test
    void otherErrorsStayAsTheyWere() {
        TransientException busy = new TransientException("Neo.TransientError.General.DatabaseUnavailable", "down");
        assertThat(RemoteBackend.translate(busy, Duration.ofSeconds(5))).isSameAs(busy);
        ClientException syntax = new ClientException("Neo.ClientError.Statement.SyntaxError", "bad");
        assertThat(RemoteBackend.translate(syntax, Duration.ofSeconds(5))).isSameAs(syntax);
    }
}
