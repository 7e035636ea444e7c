package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ProtocolStateStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresProtocolStateStoreTest extends ProtocolStateStoreContract {
  private PostgresStores stores;

  @Override
  protected ProtocolStateStore newStore() {
    PostgresTestServer.Login login = PostgresTestServer.login();
    stores = PostgresStores.connect(login.url(), login.user(), login.password(),
        PostgresTestServer.Login.freshNamespace());
    return stores.protocolState();
  }

  @AfterEach
  void closeStores() {
    if (stores != null) {
      stores.close();
    }
  }
}
