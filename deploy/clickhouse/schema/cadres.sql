-- Cadres (≈ 15 million positions: 2.8 million grassroots unions × 5), training records and
-- chairs' contract filings, as the cadres subgraph declares them: a cadre's R6 training state is
-- computed at query time from its term start and deadline and the member's first training since,
-- because it changes with the date; so are a union's R17 vacancy (from its chairs' term ends and
-- the deadline three calendar months on) and its R3 / R4 staffing (the directory's type against the
-- staffing settings, and its serving full-time cadres). All three are sharded by the member, so the joins between them
-- stay on each shard. Small enough for one partition per shard: no PARTITION BY. Sorted by id
-- alone: position, union and status change during a term (see members.sql).
CREATE TABLE IF NOT EXISTS union_stats.cadres_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  member_id String,
  position LowCardinality(String),
  full_time Bool,
  source LowCardinality(String),
  serving Bool,
  term_start Date32,
  term_end Nullable(Date32),
  deadline Date32,
  vacancy_deadline Nullable(Date32),
  union_type LowCardinality(String),
  union_level LowCardinality(String),
  union_status LowCardinality(String),
  union_province LowCardinality(String),
  union_city LowCardinality(String),
  union_county String,
  union_township String,
  union_section LowCardinality(String),
  union_industry LowCardinality(String),
  union_ownership LowCardinality(String),
  union_size_band LowCardinality(String)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/cadres', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.cadres ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(member_id),
  organization_id String,
  member_id String,
  position LowCardinality(String),
  full_time Bool,
  source LowCardinality(String),
  serving Bool,
  term_start Date32,
  term_end Nullable(Date32),
  deadline Date32,
  vacancy_deadline Nullable(Date32),
  union_type LowCardinality(String),
  union_level LowCardinality(String),
  union_status LowCardinality(String),
  union_province LowCardinality(String),
  union_city LowCardinality(String),
  union_county String,
  union_township String,
  union_section LowCardinality(String),
  union_industry LowCardinality(String),
  union_ownership LowCardinality(String),
  union_size_band LowCardinality(String)
) ENGINE = Distributed(union_stats, union_stats, cadres_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.trainings_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  member_id String,
  completed Date32
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/trainings', '{replica}', version, deleted)
ORDER BY (member_id, id);

CREATE TABLE IF NOT EXISTS union_stats.trainings ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(member_id),
  member_id String,
  completed Date32
) ENGINE = Distributed(union_stats, union_stats, trainings_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.contract_filings_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  cadre_id String,
  member_id String,
  late Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/contract_filings', '{replica}', version, deleted)
ORDER BY (cadre_id, id);

CREATE TABLE IF NOT EXISTS union_stats.contract_filings ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(member_id),
  cadre_id String,
  member_id String,
  late Bool
) ENGINE = Distributed(union_stats, union_stats, contract_filings_local, shard_key);
