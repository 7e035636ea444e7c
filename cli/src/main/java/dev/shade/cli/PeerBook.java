package dev.shade.cli;

import dev.shade.resume.StoreFailureException;
import dev.shade.streams.PeerAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;

/**
 * The URLs this node has sent to, each pinned to the address and identity key that answered there
 * when a person first trusted it. The engine pins peers by address; this book adds the pin by URL,
 * so that a URL that starts answering as another node is refused too. One table in the home's
 * SQLite file, beside the protocol state.
 *
 * <p>Thread safety: safe for concurrent use (one connection under this object's lock).
 */
final class PeerBook implements AutoCloseable {
  private static final String CREATE = "CREATE TABLE IF NOT EXISTS cli_peer_url ("
      + "base_url TEXT PRIMARY KEY, address TEXT NOT NULL, identity_key BLOB NOT NULL, "
      + "pinned_at_ms INTEGER NOT NULL)";
  private final Connection connection;
  private final Clock clock;

  /** A URL's pin: who answered there, with which identity key. */
  record Pin(URI baseUrl, PeerAddress address, IdentityKey identityKey) {
    boolean matches(PeerAddress otherAddress, IdentityKey otherKey) {
      return address.equals(otherAddress) && identityKey.equals(otherKey);
    }
  }

  private PeerBook(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  static PeerBook open(Path database, Clock clock) {
    try {
      Connection connection = DriverManager.getConnection(
          "jdbc:sqlite:" + database.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 5000");
        statement.execute(CREATE);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new PeerBook(connection, clock);
    } catch (SQLException e) {
      throw new StoreFailureException("cannot open the peer book in " + database, e);
    }
  }

  synchronized Optional<Pin> find(URI baseUrl) {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT base_url, address, identity_key FROM cli_peer_url WHERE base_url = ?")) {
      select.setString(1, baseUrl.toString());
      List<Pin> pins = read(select);
      return pins.stream().findFirst();
    } catch (SQLException e) {
      throw new StoreFailureException("cannot read the peer book", e);
    }
  }

  /** Every pinned URL, ordered by address and URL. */
  synchronized List<Pin> all() {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT base_url, address, identity_key FROM cli_peer_url ORDER BY address, base_url")) {
      return read(select);
    } catch (SQLException e) {
      throw new StoreFailureException("cannot read the peer book", e);
    }
  }

  /** Pins {@code pin.baseUrl()} to {@code pin}'s address and key, replacing an older pin. */
  synchronized void pin(Pin pin) {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO cli_peer_url (base_url, address, identity_key, pinned_at_ms)"
            + " VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (base_url) DO UPDATE SET address = excluded.address,"
            + " identity_key = excluded.identity_key, pinned_at_ms = excluded.pinned_at_ms")) {
      upsert.setString(1, pin.baseUrl().toString());
      upsert.setString(2, pin.address().toString());
      upsert.setBytes(3, pin.identityKey().serialize());
      upsert.setLong(4, clock.millis());
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreFailureException("cannot write the peer book", e);
    }
  }

  private static List<Pin> read(PreparedStatement select) throws SQLException {
    List<Pin> pins = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        pins.add(new Pin(URI.create(rs.getString(1)), PeerAddress.parse(rs.getString(2)),
            identityKey(rs.getBytes(3))));
      }
    }
    return pins;
  }

  private static IdentityKey identityKey(byte[] serialized) throws SQLException {
    try {
      return new IdentityKey(serialized);
    } catch (InvalidKeyException e) {
      throw new SQLException("the peer book holds an invalid identity key", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort; every write was committed when it returned
    }
  }
}
