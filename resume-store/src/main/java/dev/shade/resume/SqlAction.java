package dev.shade.resume;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one connection. */
@FunctionalInterface
interface SqlAction<T> {
  T run(Connection connection) throws SQLException;
}
