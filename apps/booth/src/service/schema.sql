-- The booth's store (docs/design.md §4). One file per election; every table STRICT.
-- Ballots carry nothing but h = SHA-256(ct), the contest, the ciphertext and the booth's signature:
-- no rowid, timestamp, sequence, session or token (docs/threat-model.md R1).

CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS ballots (
  h TEXT PRIMARY KEY,
  contest TEXT NOT NULL,
  ct BLOB NOT NULL,
  sig BLOB NOT NULL
) STRICT, WITHOUT ROWID;

-- Enable tokens (R10). Each ends as exactly one of cast or cancelled (R11).
CREATE TABLE IF NOT EXISTS tokens (
  counter INTEGER PRIMARY KEY,
  session TEXT NOT NULL UNIQUE,
  contests TEXT NOT NULL,
  signature TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'cast', 'cancelled'))
) STRICT;

-- The hash-chained event log (R5).
CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

-- Frames sent to the console, kept until it confirms them, resent after a reconnection.
CREATE TABLE IF NOT EXISTS outbox (
  counter INTEGER PRIMARY KEY,
  frame TEXT NOT NULL
) STRICT;
