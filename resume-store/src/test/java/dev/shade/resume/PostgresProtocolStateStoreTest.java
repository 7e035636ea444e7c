package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ProtocolStateStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresProtocolStateStoreTest extends ProtocolStateStoreContract {
  private PostgresTestServer.TestNode node;

  /** Skips (or under CI fails) the whole class at once when there is no server. */
  @BeforeAll
  static void needsPostgres() {
    PostgresTestServer.login();
  }

  @Override
  protected ProtocolStateStore newStore() {
    node = PostgresTestServer.TestNode.connect();
    return node.stores().protocolState();
  }

  @AfterEach
  void closeNode() throws SQLException {
    if (node != null) {
      node.close();
    }
  }
}
