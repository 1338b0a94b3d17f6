-- The seat console's store (docs/design.md §4). One file per election; every table STRICT.
-- The urna secret is never stored: it exists only as the seat members' shares until the count.

CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Booths the president paired, by the fingerprint each one showed and the certificate it presented.
CREATE TABLE IF NOT EXISTS booths (
  id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  machine TEXT NOT NULL UNIQUE,
  certificate TEXT NOT NULL,
  setup TEXT NOT NULL,
  last_received INTEGER NOT NULL DEFAULT 0,
  reported_state TEXT NOT NULL DEFAULT 'unpaired',
  zero_report TEXT,
  zero_report_signature TEXT,
  seal TEXT,
  seal_signature TEXT,
  log TEXT
) STRICT;

-- One row per enable token (docs/threat-model.md R10, R11): who was enabled (category and sex), never how they voted.
CREATE TABLE IF NOT EXISTS sessions (
  session TEXT PRIMARY KEY,
  booth TEXT NOT NULL REFERENCES booths (id),
  counter INTEGER NOT NULL,
  contests TEXT NOT NULL,
  category TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  state TEXT NOT NULL CHECK (state IN ('enabled', 'started', 'cast', 'cancelled', 'refused')),
  UNIQUE (booth, counter)
) STRICT;

CREATE TABLE IF NOT EXISTS turnout (
  position INTEGER PRIMARY KEY,
  checkpoint TEXT NOT NULL UNIQUE,
  figures TEXT NOT NULL
) STRICT;

-- Ballots received from the booths after close, verified, in ascending order of h.
CREATE TABLE IF NOT EXISTS ballots (
  h TEXT PRIMARY KEY,
  contest TEXT NOT NULL,
  booth TEXT NOT NULL,
  ct TEXT NOT NULL,
  sig TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS outbox (
  booth TEXT NOT NULL,
  counter INTEGER NOT NULL,
  frame TEXT NOT NULL,
  PRIMARY KEY (booth, counter)
) STRICT;

CREATE TABLE IF NOT EXISTS log (
  seq INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

-- The optional section roll (lista sezionale), imported by the president to mark who voted and refuse
-- a second vote. It never leaves the console and never enters the bundle.
CREATE TABLE IF NOT EXISTS roll (
  number INTEGER PRIMARY KEY,
  surname TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  category TEXT NOT NULL,
  session TEXT,
  voted INTEGER NOT NULL DEFAULT 0 CHECK (voted IN (0, 1))
) STRICT;
