package dev.shade.resume;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** A HikariCP pool of PostgreSQL connections; each call borrows one and gives it back. */
final class PooledDatabase extends Database {
  private static final int MAX_CONNECTIONS = 8;
  private static final long CONNECT_TIMEOUT_MS = 10_000;
  private final HikariDataSource pool;

  private PooledDatabase(HikariDataSource pool, String description) {
    super(Dialect.POSTGRESQL, description);
    this.pool = pool;
  }

  /** Connects, and migrates the database's schema to the current version. */
  static PooledDatabase connect(String jdbcUrl, String user, String password, String poolName) {
    return connect(jdbcUrl, user, password, poolName, SchemaMigrator.standard());
  }

  static PooledDatabase connect(String jdbcUrl, String user, String password, String poolName,
      SchemaMigrator migrator) {
    String where = "PostgreSQL " + withoutParameters(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName(poolName);
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreFailureException("cannot connect to " + where, e);
    }
    return migrated(new PooledDatabase(pool, where), migrator);
  }

  @Override
  <T> T withConnection(SqlAction<T> action) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      return action.run(connection);
    }
  }

  @Override
  void release() {
    pool.close();
  }

  /** The URL without its query, where a password may hide. */
  private static String withoutParameters(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }
}
