/**
 * Schema versions, one list per dialect, applied in order at start-up and recorded in schema_migrations.
 * Append only: a shipped migration is never edited, a change is a new version.
 * Times are integer ms since the epoch in both dialects, so ordering and cursors behave the same.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'conversations, messages, runs, run_events, llm_requests',
    sql: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX conversations_updated ON conversations (updated_at DESC, id DESC);
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL,
        run_id TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_conversation ON messages (conversation_id, id);
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        tier TEXT NOT NULL,
        question TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
        totals TEXT,
        final_text TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      CREATE INDEX runs_conversation ON runs (conversation_id, started_at);
      CREATE INDEX runs_status ON runs (status);
      CREATE TABLE run_events (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE llm_requests (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        stage INTEGER NOT NULL,
        model TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
        error_kind TEXT,
        error_message TEXT,
        http_status INTEGER,
        ttft_ms REAL,
        duration_ms REAL,
        tokens_in INTEGER,
        tokens_out INTEGER,
        cost_usd REAL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, stage, model, attempt)
      );
      CREATE INDEX llm_requests_created ON llm_requests (created_at);
    `,
  },
  {
    version: 2,
    name: 'access keys, sessions, conversation and run owners',
    sql: `
      CREATE TABLE access_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        admin INTEGER NOT NULL DEFAULT 0,
        rpm INTEGER,
        concurrent INTEGER,
        daily_usd REAL,
        monthly_usd REAL,
        tiers TEXT,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        key_id TEXT NOT NULL REFERENCES access_keys (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX sessions_key ON sessions (key_id);
      ALTER TABLE conversations ADD COLUMN owner_key_id TEXT;
      ALTER TABLE runs ADD COLUMN owner_key_id TEXT;
      CREATE INDEX conversations_owner_updated ON conversations (owner_key_id, updated_at DESC, id DESC);
    `,
  },
  {
    version: 3,
    name: 'llm_requests.queued_ms: time a call waited for an in-flight slot or the rate limiter',
    sql: 'ALTER TABLE llm_requests ADD COLUMN queued_ms REAL;',
  },
  {
    version: 4,
    name: 'instance leases, the owning instance of every run',
    sql: `
      CREATE TABLE instances (
        id TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL,
        lease_expires_at INTEGER NOT NULL
      );
      ALTER TABLE runs ADD COLUMN instance_id TEXT;
      CREATE INDEX runs_instance_running ON runs (instance_id) WHERE status = 'running';
    `,
  },
  {
    version: 5,
    name: 'council_presets',
    sql: `
      CREATE TABLE council_presets (
        owner_key_id TEXT NOT NULL,
        name TEXT NOT NULL,
        preset TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (owner_key_id, name)
      );
    `,
  },
  {
    version: 9,
    name: 'stats facts: stage-1 outcomes, valid rankings, final placements (filled with the events)',
    sql: `
      CREATE INDEX runs_started ON runs (started_at);
      CREATE TABLE stats_members (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed')),
        reason TEXT,
        ttft_ms REAL,
        duration_ms REAL,
        cost_usd REAL
      );
      CREATE INDEX stats_members_run ON stats_members (run_id);
      CREATE TABLE stats_judgements (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        judge TEXT NOT NULL,
        shown INTEGER NOT NULL,
        first_shown_best INTEGER NOT NULL,
        saw_own INTEGER NOT NULL,
        own_best INTEGER NOT NULL
      );
      CREATE INDEX stats_judgements_run ON stats_judgements (run_id);
      CREATE TABLE stats_placements (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        average_rank REAL NOT NULL,
        votes INTEGER NOT NULL,
        place INTEGER NOT NULL,
        PRIMARY KEY (run_id, model)
      );
    `,
  },
];

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'conversations, messages, runs, run_events, llm_requests',
    sql: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX conversations_updated ON conversations (updated_at DESC, id DESC);
      CREATE TABLE messages (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL,
        run_id TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX messages_conversation ON messages (conversation_id, id);
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        tier TEXT NOT NULL,
        question TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
        totals JSONB,
        final_text TEXT,
        started_at BIGINT NOT NULL,
        ended_at BIGINT
      );
      CREATE INDEX runs_conversation ON runs (conversation_id, started_at);
      CREATE INDEX runs_status ON runs (status);
      CREATE TABLE run_events (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload JSONB NOT NULL,
        PRIMARY KEY (run_id, seq)
      );
      CREATE TABLE llm_requests (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        stage SMALLINT NOT NULL,
        model TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
        error_kind TEXT,
        error_message TEXT,
        http_status INTEGER,
        ttft_ms DOUBLE PRECISION,
        duration_ms DOUBLE PRECISION,
        tokens_in INTEGER,
        tokens_out INTEGER,
        cost_usd DOUBLE PRECISION,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (run_id, stage, model, attempt)
      );
      CREATE INDEX llm_requests_created ON llm_requests (created_at);
    `,
  },
  {
    version: 2,
    name: 'access keys, sessions, conversation and run owners',
    sql: `
      CREATE TABLE access_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        admin BOOLEAN NOT NULL DEFAULT FALSE,
        rpm INTEGER,
        concurrent INTEGER,
        daily_usd DOUBLE PRECISION,
        monthly_usd DOUBLE PRECISION,
        tiers JSONB,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        key_id TEXT NOT NULL REFERENCES access_keys (id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX sessions_key ON sessions (key_id);
      ALTER TABLE conversations ADD COLUMN owner_key_id TEXT;
      ALTER TABLE runs ADD COLUMN owner_key_id TEXT;
      CREATE INDEX conversations_owner_updated ON conversations (owner_key_id, updated_at DESC, id DESC);
    `,
  },
  {
    version: 3,
    name: 'llm_requests.queued_ms: time a call waited for an in-flight slot or the rate limiter',
    sql: 'ALTER TABLE llm_requests ADD COLUMN queued_ms DOUBLE PRECISION;',
  },
  {
    version: 4,
    name: 'instance leases, the owning instance of every run',
    sql: `
      CREATE TABLE instances (
        id TEXT PRIMARY KEY,
        started_at BIGINT NOT NULL,
        lease_expires_at BIGINT NOT NULL
      );
      ALTER TABLE runs ADD COLUMN instance_id TEXT;
      CREATE INDEX runs_instance_running ON runs (instance_id) WHERE status = 'running';
    `,
  },
  {
    version: 5,
    name: 'council_presets',
    sql: `
      CREATE TABLE council_presets (
        owner_key_id TEXT NOT NULL,
        name TEXT NOT NULL,
        preset TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (owner_key_id, name)
      );
    `,
  },
  {
    version: 9,
    name: 'stats facts: stage-1 outcomes, valid rankings, final placements (filled with the events)',
    sql: `
      CREATE INDEX runs_started ON runs (started_at);
      CREATE TABLE stats_members (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed')),
        reason TEXT,
        ttft_ms DOUBLE PRECISION,
        duration_ms DOUBLE PRECISION,
        cost_usd DOUBLE PRECISION
      );
      CREATE INDEX stats_members_run ON stats_members (run_id);
      CREATE TABLE stats_judgements (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        judge TEXT NOT NULL,
        shown INTEGER NOT NULL,
        first_shown_best BOOLEAN NOT NULL,
        saw_own BOOLEAN NOT NULL,
        own_best BOOLEAN NOT NULL
      );
      CREATE INDEX stats_judgements_run ON stats_judgements (run_id);
      CREATE TABLE stats_placements (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        average_rank DOUBLE PRECISION NOT NULL,
        votes INTEGER NOT NULL,
        place INTEGER NOT NULL,
        PRIMARY KEY (run_id, model)
      );
    `,
  },
];
