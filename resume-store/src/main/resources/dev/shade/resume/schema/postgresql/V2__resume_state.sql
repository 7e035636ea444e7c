-- One PersistedStreamState per (node, stream, direction). updated_at is epoch milliseconds.
CREATE TABLE resume_state (
  node TEXT COLLATE "C" NOT NULL,
  stream_id TEXT COLLATE "C" NOT NULL,
  direction TEXT NOT NULL,
  peer TEXT NOT NULL,
  status TEXT NOT NULL,
  metadata TEXT NOT NULL,
  lanes BYTEA NOT NULL,
  sealed_secret BYTEA NOT NULL,
  location TEXT,
  target TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (node, stream_id, direction)
);
-- Prune and list read one node's rows by time.
CREATE INDEX resume_state_updated_at ON resume_state (node, updated_at);
