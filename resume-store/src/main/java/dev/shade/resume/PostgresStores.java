package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;

/**
 * A node's stores in a PostgreSQL database that several nodes may share: the {@link ResumeStore}
 * and the {@link ProtocolStateStore}, over one pool of connections.
 *
 * <p>Every row carries the node's namespace in its key, and every statement is limited to it:
 * nodes with different namespaces never see, change or prune each other's rows. Two running nodes
 * must not share a namespace (each owns its protocol state).
 *
 * <p>Schema: connecting migrates the database to the current schema version (nodes that start
 * together take turns, under an advisory lock); a database that a newer Shade migrated further is
 * refused. The tables live in the connection's current schema ({@code currentSchema=} in the URL
 * chooses another).
 *
 * <p>Durability: every method is one transaction, committed before it returns, as durable as the
 * server's settings make commits ({@code synchronous_commit}, replication).
 *
 * <p>Thread safety: both stores are safe for concurrent use; each call borrows a pooled
 * connection (at most 8, waiting up to 10 s for one). Methods block on the network: never call
 * them on an event loop.
 *
 * <pre>{@code
 * try (PostgresStores stores = PostgresStores.connect(
 *     "jdbc:postgresql://db.internal/shade", "shade", password, "node-eu-1")) {
 *   Shade node = ...use(stores.protocolState(), stores.resumeState())...;
 * }
 * }</pre>
 */
public final class PostgresStores implements AutoCloseable {
  private final Database database;
  private final SqlResumeStore resumeState;
  private final SqlProtocolStateStore protocolState;

  private PostgresStores(Database database, Scope scope) {
    this.database = database;
    this.resumeState = new SqlResumeStore(database, scope, false);
    this.protocolState = new SqlProtocolStateStore(database, scope, false);
  }

  /**
   * Connects to the database at {@code jdbcUrl} as {@code user} and migrates it.
   *
   * @param nodeNamespace this node's name among the nodes sharing the database: 1..128 of
   *     {@code [A-Za-z0-9._:-]}, starting with a letter or digit
   * @throws IllegalArgumentException when {@code nodeNamespace} is not one
   * @throws StoreFailureException when the database cannot be reached or migrated, or its schema
   *     is newer than this code
   */
  public static PostgresStores connect(String jdbcUrl, String user, String password,
      String nodeNamespace) {
    Scope scope = Scope.node(Dialect.POSTGRESQL, nodeNamespace);
    return new PostgresStores(
        PooledDatabase.connect(jdbcUrl, user, password, "shade-" + nodeNamespace), scope);
  }

  /** This node's stream states; the same store on every call, closed by {@link #close()}. */
  public ResumeStore resumeState() {
    return resumeState;
  }

  /** This node's protocol state; the same store on every call, closed by {@link #close()}. */
  public ProtocolStateStore protocolState() {
    return protocolState;
  }

  /** Closes both stores and the pool; idempotent. */
  @Override
  public void close() {
    resumeState.close();
    protocolState.close();
    database.close();
  }
}
