package dev.shade.resume;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.PersistedStreamState.Status;
import dev.shade.transfer.spi.ResumeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ResumeStore} in the table {@code resume_state} of a SQLite file or, under a node
 * namespace, of a PostgreSQL database: one row per (stream, direction), the metadata as JSON text,
 * the lanes as {@link LaneCheckpoint#encodeAll} bytes. Every method is one statement; prune is one
 * {@code DELETE ... RETURNING}.
 *
 * <p>A damaged row (one that does not decode) fails {@link #find} with a {@link
 * StoreFailureException} naming its stream; {@link #list} leaves it out and {@link #pruneOlderThan}
 * removes it when it is old enough, both with a warning, so that one damaged row neither stops a
 * node from reloading its other streams nor blocks retention.
 */
final class SqlResumeStore extends SqlStore implements ResumeStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlResumeStore.class);
  private static final String VALUES = "peer, status, metadata, lanes, sealed_secret, location, "
      + "target, updated_at";
  private static final String COLUMNS = "stream_id, direction, " + VALUES;

  private final String insert;
  private final String update;
  private final String find;
  private final String list;
  private final String delete;
  private final String prune;

  /** {@code ownsDatabase}: whether {@link #close()} closes {@code database} too. */
  SqlResumeStore(Database database, Scope scope, boolean ownsDatabase) {
    super(database, scope, "resume state", ownsDatabase);
    String key = " WHERE " + scope.where() + "stream_id = ? AND direction = ?";
    insert = "INSERT INTO resume_state (" + scope.columns() + COLUMNS + ") VALUES ("
        + scope.placeholders() + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    update = "UPDATE resume_state SET peer = ?, status = ?, metadata = ?, lanes = ?, "
        + "sealed_secret = ?, location = ?, target = ?, updated_at = ?" + key;
    find = "SELECT " + COLUMNS + " FROM resume_state" + key;
    list = "SELECT " + COLUMNS + " FROM resume_state WHERE " + scope.where() + "direction = ? "
        + "ORDER BY updated_at, stream_id";
    delete = "DELETE FROM resume_state" + key;
    prune = "DELETE FROM resume_state WHERE " + scope.where() + "updated_at < ? RETURNING "
        + COLUMNS;
  }

  @Override
  public boolean insert(PersistedStreamState state) {
    return write("insert", insert, s -> bindValues(s, bindKey(s, 1, state.streamId(),
        state.direction()), state)) == 1;
  }

  @Override
  public boolean update(PersistedStreamState state) {
    return write("update", update,
        s -> bindKey(s, bindValues(s, 1, state), state.streamId(), state.direction())) == 1;
  }

  @Override
  public Optional<PersistedStreamState> find(StreamId streamId, Direction direction) {
    return query("find", find, s -> bindKey(s, 1, streamId, direction),
        rows -> rows.next() ? Optional.of(read(rows)) : Optional.empty());
  }

  @Override
  public List<PersistedStreamState> list(Direction direction) {
    return query("list", list,
        s -> s.setString(scope.bind(s, 1), direction.storageName()), SqlResumeStore::readIntact);
  }

  @Override
  public boolean delete(StreamId streamId, Direction direction) {
    return write("delete", delete, s -> bindKey(s, 1, streamId, direction)) == 1;
  }

  @Override
  public List<PersistedStreamState> pruneOlderThan(Instant olderThan) {
    return runInTransaction("prune", c -> query(c, prune,
        s -> s.setLong(scope.bind(s, 1), olderThan.toEpochMilli()), SqlResumeStore::readIntact));
  }

  private int bindKey(PreparedStatement statement, int index, StreamId streamId,
      Direction direction) throws SQLException {
    int next = scope.bind(statement, index);
    statement.setString(next, streamId.toBase64Url());
    statement.setString(next + 1, direction.storageName());
    return next + 2;
  }

  /** Binds the columns of {@link #VALUES} from {@code index} on; returns the next index. */
  private static int bindValues(PreparedStatement statement, int index, PersistedStreamState state)
      throws SQLException {
    statement.setString(index, state.peer().toString());
    statement.setString(index + 1, state.status().storageName());
    statement.setString(index + 2, state.metadataJson());
    statement.setBytes(index + 3, LaneCheckpoint.encodeAll(state.lanes()));
    statement.setBytes(index + 4, state.sealedSecret());
    statement.setString(index + 5, state.location());
    statement.setString(index + 6, state.target());
    statement.setLong(index + 7, state.updatedAt().toEpochMilli());
    return index + 8;
  }

  /** The rows that decode; a damaged one is left out with a warning naming its stream. */
  private static List<PersistedStreamState> readIntact(ResultSet rows) throws SQLException {
    List<PersistedStreamState> states = new ArrayList<>();
    while (rows.next()) {
      try {
        states.add(read(rows));
      } catch (StoreFailureException damaged) {
        LOG.warn("{}", damaged.getMessage());
      }
    }
    return states;
  }

  /** One row of {@link #COLUMNS}; a row that does not decode is named in the exception. */
  private static PersistedStreamState read(ResultSet rs) throws SQLException {
    String streamId = rs.getString(1);
    String direction = rs.getString(2);
    try {
      return new PersistedStreamState(StreamId.parse(streamId),
          Direction.fromStorageName(direction), PeerAddress.parse(rs.getString(3)),
          Status.fromStorageName(rs.getString(4)),
          PersistedStreamState.metadataFromJson(rs.getString(5)),
          LaneCheckpoint.decodeAll(rs.getBytes(6)), rs.getBytes(7), rs.getString(8),
          rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)));
    } catch (RuntimeException e) {
      throw new StoreFailureException("the stored resume state of stream " + streamId + " ("
          + direction + ") is damaged and cannot be read: " + e.getMessage(), e);
    }
  }
}
