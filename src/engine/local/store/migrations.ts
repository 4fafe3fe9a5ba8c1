// The store's schema, one migration per user_version. Append only: never edit a released step.
// Times are epoch milliseconds (INTEGER); voiceprints are BLOBs of little-endian float32.

export const migrations: string[] = [
  // 1: every Voice ID resource, idempotency records and batch jobs.
  `
  CREATE TABLE domains (
    domain_id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    account TEXT NOT NULL,
    arn TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL,                -- ACTIVE | SUSPENDED (PENDING is never used locally)
    kms_key_id TEXT NOT NULL,
    sse_update_status TEXT,              -- IN_PROGRESS | COMPLETED | FAILED, NULL when the key never changed
    sse_old_kms_key_id TEXT,
    sse_message TEXT,
    default_watchlist_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER                   -- set when SUSPENDED by DeleteDomain
  );
  CREATE TABLE watchlists (
    watchlist_id TEXT PRIMARY KEY,
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX watchlists_by_domain ON watchlists(domain_id, created_at, watchlist_id);
  CREATE TABLE fraudsters (
    fraudster_id TEXT PRIMARY KEY,       -- id#…
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    voiceprint BLOB,
    source_job_id TEXT,                  -- the registration job that created it
    source_request_id TEXT
  );
  CREATE INDEX fraudsters_by_domain ON fraudsters(domain_id, created_at, fraudster_id);
  CREATE TABLE fraudster_watchlists (
    fraudster_id TEXT NOT NULL REFERENCES fraudsters(fraudster_id) ON DELETE CASCADE,
    watchlist_id TEXT NOT NULL REFERENCES watchlists(watchlist_id) ON DELETE CASCADE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (fraudster_id, watchlist_id)
  );
  CREATE INDEX fraudster_watchlists_by_watchlist ON fraudster_watchlists(watchlist_id);
  CREATE TABLE speakers (
    speaker_id TEXT PRIMARY KEY,         -- GeneratedSpeakerId, id#…
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    customer_speaker_id TEXT NOT NULL,
    status TEXT NOT NULL,                -- ENROLLED | OPTED_OUT | PENDING (EXPIRED is derived on read)
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_accessed_at INTEGER,            -- truncated to the hour
    voiceprint BLOB,
    UNIQUE (domain_id, customer_speaker_id)
  );
  CREATE INDEX speakers_by_domain ON speakers(domain_id, created_at, speaker_id);
  CREATE TABLE tags (
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    position INTEGER NOT NULL,           -- insertion order, for ListTagsForResource
    PRIMARY KEY (domain_id, key)
  );
  CREATE TABLE idempotency (
    operation TEXT NOT NULL,
    scope TEXT NOT NULL,                 -- account/region, plus DomainId for domain-scoped operations
    token TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response TEXT NOT NULL,              -- the first call's response, wire JSON
    created_at INTEGER NOT NULL,
    PRIMARY KEY (operation, scope, token)
  );
  CREATE TABLE jobs (
    job_id TEXT PRIMARY KEY,
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- SPEAKER_ENROLLMENT | FRAUDSTER_REGISTRATION
    job_name TEXT,
    status TEXT NOT NULL,
    data_access_role_arn TEXT NOT NULL,
    input_s3_uri TEXT NOT NULL,
    output_s3_uri TEXT NOT NULL,
    output_kms_key_id TEXT,
    config TEXT NOT NULL,                -- EnrollmentConfig / RegistrationConfig with defaults applied, JSON
    failure_status_code INTEGER,
    failure_message TEXT,
    total_requests INTEGER,
    done_requests INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    ended_at INTEGER,
    lease_owner TEXT,                    -- worker holding the job
    lease_expires_at INTEGER
  );
  CREATE INDEX jobs_by_domain ON jobs(domain_id, kind, created_at);
  CREATE INDEX jobs_active ON jobs(status) WHERE status IN ('SUBMITTED', 'IN_PROGRESS');
  CREATE TABLE job_results (
    job_id TEXT NOT NULL REFERENCES jobs(job_id) ON DELETE CASCADE,
    request_index INTEGER NOT NULL,      -- position in the manifest
    request_id TEXT NOT NULL,
    ok INTEGER NOT NULL,                 -- 1: a Successful* entry, 0: an Errors entry
    result TEXT NOT NULL,                -- the output-file entry, JSON
    PRIMARY KEY (job_id, request_index)
  );
  `,
  // 2: store-wide settings and secrets (the key that signs NextTokens).
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 3: local stand-in for Voice ID sessions (spec §8.3): one row per started stream, with its analysed audio
  // and the cached EvaluateSession results (result ids only change when audio, thresholds or speaker do, §9 #39).
  `
  CREATE TABLE sessions (
    session_id TEXT PRIMARY KEY,         -- id#…
    domain_id TEXT NOT NULL REFERENCES domains(domain_id) ON DELETE CASCADE,
    session_name TEXT NOT NULL,
    customer_speaker_id TEXT,            -- the speaker set on the session (never a generated id)
    auth_enabled INTEGER NOT NULL,
    acceptance_threshold INTEGER NOT NULL,
    min_speech_s INTEGER NOT NULL,       -- authentication (and fraud) minimum net speech, 5–10 s
    fraud_enabled INTEGER NOT NULL,
    risk_threshold INTEGER NOT NULL,
    watchlist_id TEXT,                   -- NULL: the domain's default watchlist at evaluation time
    audio_uri TEXT NOT NULL,
    channel_id INTEGER NOT NULL,
    audio_s REAL NOT NULL,               -- duration of the whole file
    net_speech_s REAL NOT NULL,
    speech_start_s REAL,                 -- offset of the first and last speech frame
    speech_end_s REAL,
    voiceprint BLOB,
    realtime INTEGER NOT NULL DEFAULT 0, -- 1: ONGOING until the file's duration has elapsed since created_at
    auth_result TEXT,                    -- cached AuthenticationResult {key, doc}, JSON
    fraud_result TEXT,                   -- cached FraudDetectionResult {key, doc}, JSON
    enrollment_status TEXT,              -- NULL (never requested) | NOT_ENOUGH_SPEECH | COMPLETED
    created_at INTEGER NOT NULL,         -- stream start
    updated_at INTEGER NOT NULL,
    UNIQUE (domain_id, session_name)
  );
  `,
  // 4: what a job needs to resume exactly as it began when another process picks it up after a crash: the S3 root
  // it was started under (not the resuming process's VOICE_ID_S3_ROOT) and the manifest as the job first read it
  // (a resumed job skips requests by their position, so it must not see an edited or deleted manifest).
  `
  ALTER TABLE jobs ADD COLUMN s3_root TEXT;  -- NULL for jobs started before: they use the resuming process's root
  CREATE TABLE job_manifests (
    job_id TEXT PRIMARY KEY REFERENCES jobs(job_id) ON DELETE CASCADE,
    bytes BLOB NOT NULL                      -- dropped when the job ends
  );
  `,
  // 5: the speakers each domain holds, kept by triggers. Every new speaker checks the 100,000 quota; counting the
  // domain's rows each time made creates slow down as a domain grew (2,395/s empty, 288/s near 100,000).
  `
  CREATE TABLE domain_speaker_counts (
    domain_id TEXT PRIMARY KEY REFERENCES domains(domain_id) ON DELETE CASCADE,
    n INTEGER NOT NULL
  );
  INSERT INTO domain_speaker_counts (domain_id, n) SELECT domain_id, count(*) FROM speakers GROUP BY domain_id;
  CREATE TRIGGER speaker_counted AFTER INSERT ON speakers BEGIN
    INSERT INTO domain_speaker_counts (domain_id, n) VALUES (NEW.domain_id, 1)
      ON CONFLICT (domain_id) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER speaker_uncounted AFTER DELETE ON speakers BEGIN
    UPDATE domain_speaker_counts SET n = n - 1 WHERE domain_id = OLD.domain_id;
  END;
  `,
];
