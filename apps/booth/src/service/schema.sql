-- The booth's store (docs/design.md §4) as migrations.ts makes it, at schema version 2 (PRAGMA
-- user_version); a test holds the two equal. One file per election; every table STRICT.
-- Ballots carry nothing but h = SHA-256(ct), the contest, the ciphertext and the booth's signature:
-- no rowid, timestamp, sequence, session or token (docs/threat-model.md R1).
CREATE TABLE ballots (h TEXT PRIMARY KEY, contest TEXT NOT NULL, ct BLOB NOT NULL, sig BLOB NOT NULL) STRICT, WITHOUT ROWID;

-- Enable tokens (R10). Each ends as exactly one of cast or cancelled (R11).
CREATE TABLE tokens (
  counter INTEGER PRIMARY KEY,
  session TEXT NOT NULL UNIQUE,
  contests TEXT NOT NULL,
  signature TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'cast', 'cancelled'))
) STRICT;

-- The hash-chained event log (R5).
CREATE TABLE log (seq INTEGER PRIMARY KEY, event TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL) STRICT;

-- Frames sent to the console, kept until it confirms them, resent after a reconnection.
CREATE TABLE outbox (counter INTEGER PRIMARY KEY, frame TEXT NOT NULL) STRICT;

-- The booth's phase (machine.ts), one row: in-session names its token's counter, confirming holds
-- the set-up waiting for the president (JSON).
CREATE TABLE phase (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  kind TEXT NOT NULL CHECK (kind IN ('unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed')),
  session INTEGER,
  pending TEXT,
  CHECK ((kind = 'in-session') = (session IS NOT NULL)),
  CHECK ((kind = 'confirming') = (pending IS NOT NULL))
) STRICT;

-- The console's set-up, pinned when the president confirmed the console (R32): documents and keys
-- in base64, as the link carried them.
CREATE TABLE pairing (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  booth TEXT NOT NULL,
  section TEXT NOT NULL,
  election TEXT NOT NULL,
  election_signature TEXT NOT NULL,
  election_digest TEXT NOT NULL,
  setup TEXT NOT NULL,
  setup_signature TEXT NOT NULL,
  console_key TEXT NOT NULL,
  console_machine TEXT NOT NULL,
  urna_key TEXT NOT NULL
) STRICT;

-- The zero report the booth signed (R14).
CREATE TABLE zero_report (id INTEGER PRIMARY KEY CHECK (id = 1), bytes TEXT NOT NULL, signature TEXT NOT NULL) STRICT;

-- The link's counters: the last sent (never used twice, though the outbox is pruned) and the last received.
CREATE TABLE link_counters (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_sent INTEGER NOT NULL CHECK (last_sent >= 0),
  last_received INTEGER NOT NULL CHECK (last_received >= 0)
) STRICT;
