-- The Signal protocol state of every node sharing this database, each under its namespace.
-- COLLATE "C": keys order byte-wise, as in SQLite, whatever the database's locale.
CREATE TABLE protocol_state (
  node TEXT COLLATE "C" NOT NULL,
  section TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  value BYTEA NOT NULL,
  PRIMARY KEY (node, section, key)
);
