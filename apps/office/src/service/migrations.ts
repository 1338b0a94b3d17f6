// The office store's schema, one numbered migration at a time (Signal Desktop's pattern): a store at
// version N opens with every migration after N applied in one transaction, and its data kept.
// Never change a migration once released: add the next one.

export const MIGRATIONS: readonly { readonly version: number; readonly why: string; readonly sql: string }[] = [
  {
    version: 1,
    why: 'the election this store belongs to, every submission kept byte for byte, every turnout document',
    sql: `
      CREATE TABLE office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        election BLOB NOT NULL,
        election_digest TEXT NOT NULL
      ) STRICT;
      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('push', 'upload', 'folder')),
        origin TEXT NOT NULL,
        digest TEXT NOT NULL UNIQUE,
        archive BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'refused', 'conflict')),
        problems TEXT NOT NULL DEFAULT '[]',
        section TEXT,
        setup TEXT,
        tally_digest TEXT,
        tally TEXT
      ) STRICT;
      -- Never two counted results for one section, whatever the code above does.
      CREATE UNIQUE INDEX one_accepted_per_section ON submissions (section) WHERE state = 'accepted';
      CREATE TABLE turnout (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        section TEXT NOT NULL,
        checkpoint TEXT NOT NULL,
        setup TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'conflict')),
        document BLOB NOT NULL,
        signature BLOB NOT NULL,
        setup_document BLOB NOT NULL,
        setup_signature BLOB NOT NULL,
        figures TEXT NOT NULL,
        UNIQUE (section, checkpoint, setup)
      ) STRICT;
    `,
  },
  {
    version: 2,
    why: "the office's own event log: what arrived, from where, and what became of it",
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    why: 'the preparation of the day kept as it was done: the election signature, the package being prepared with the folder it was read from and the problems of the last build, every package signed and every certificate issued, as written',
    sql: `
      -- The signature of the office's election, as it came beside it (null in stores made before it was kept).
      ALTER TABLE office ADD COLUMN signature BLOB;
      CREATE TABLE signed_packages (
        id INTEGER PRIMARY KEY,
        signed_at TEXT NOT NULL,
        digest TEXT NOT NULL,
        election BLOB NOT NULL,
        signature BLOB NOT NULL,
        summary BLOB NOT NULL
      ) STRICT;
      -- The package shown to the staff: the last folder that built without problems.
      CREATE TABLE package_draft (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        built_at TEXT NOT NULL,
        election BLOB NOT NULL,
        digest TEXT NOT NULL,
        rules TEXT NOT NULL,
        signed INTEGER REFERENCES signed_packages (id),
        written TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE TABLE draft_files (
        name TEXT PRIMARY KEY,
        bytes BLOB NOT NULL
      ) STRICT;
      -- The last build asked for, with its problems ('[]' when it built).
      CREATE TABLE build_attempt (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL,
        files INTEGER NOT NULL,
        problems TEXT NOT NULL
      ) STRICT;
      -- One key enrols one machine, one machine id has one key, whatever the code above does.
      CREATE TABLE certificates (
        machine TEXT PRIMARY KEY,
        issued_at TEXT NOT NULL,
        comune TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('console', 'booth')),
        public_key TEXT NOT NULL UNIQUE,
        request TEXT NOT NULL,
        document BLOB NOT NULL,
        signature BLOB NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
