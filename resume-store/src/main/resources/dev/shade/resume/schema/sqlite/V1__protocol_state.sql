-- The Signal protocol state: opaque values under string keys, in sections (StateSection).
-- IF NOT EXISTS: files from before schema_version that say user_version 0 may already have it.
CREATE TABLE IF NOT EXISTS protocol_state (
  section TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (section, key)
) WITHOUT ROWID;
