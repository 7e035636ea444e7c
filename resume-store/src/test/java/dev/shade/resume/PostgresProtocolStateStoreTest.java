package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ProtocolStateStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresProtocolStateStoreTest extends ProtocolStateStoreContract {
  private PostgresTestServer.Login login;
  private String namespace;
  private PostgresStores stores;

  /** Skips (or under CI fails) the whole class at once when there is no server. */
  @BeforeAll
  static void needsPostgres() {
    PostgresTestServer.login();
  }

  @Override
  protected ProtocolStateStore newStore() {
    login = PostgresTestServer.login();
    namespace = PostgresTestServer.Login.freshNamespace();
    stores = PostgresStores.connect(login.url(), login.user(), login.password(), namespace);
    return stores.protocolState();
  }

  @AfterEach
  void closeStores() throws SQLException {
    if (stores != null) {
      stores.close();
      login.deleteNamespace(namespace);
    }
  }
}
