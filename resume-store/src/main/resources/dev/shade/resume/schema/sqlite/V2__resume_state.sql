-- One PersistedStreamState per (stream, direction). updated_at is epoch milliseconds.
CREATE TABLE resume_state (
  stream_id TEXT NOT NULL,
  direction TEXT NOT NULL,
  peer TEXT NOT NULL,
  status TEXT NOT NULL,
  metadata TEXT NOT NULL,
  lanes BLOB NOT NULL,
  sealed_secret BLOB NOT NULL,
  location TEXT,
  target TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (stream_id, direction)
);
CREATE INDEX resume_state_updated_at ON resume_state (updated_at);
