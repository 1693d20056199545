-- Members (≈ 300 million): one row per member record, replaced by id (ReplacingMergeTree keeps
-- the row with the highest version; `deleted` = 1 drops it at merge time and under FINAL).
--
-- The sorting key is the replacing key, so it holds only what never changes: the member's id. A
-- union, a status or a region in the key would leave the old row beside the new one after a
-- transfer. A breakdown reads whole columns anyway (a byte or two per row per dimension), and the
-- union's directory columns are copied into the row at ingest (`union_*`, consumers.yaml
-- `with_union`), so it joins nothing. PARTITION BY an immutable hash bucket: every version of a
-- record lands in the same partition (ReplacingMergeTree replaces only within one), and 16
-- partitions per shard keep merges small. Sharded by a hash of the id: every version of a member
-- reaches the same shard, whichever union or province it moves to.
CREATE TABLE IF NOT EXISTS union_stats.members_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  bucket UInt8 MATERIALIZED cityHash64(id) % 16,
  organization_id String,
  gender LowCardinality(String),
  birth Nullable(Date32),
  migrant_worker Bool,
  status LowCardinality(String),
  joined Nullable(Date32),
  last_dues Nullable(Date32),
  dues_exempt Bool,
  education LowCardinality(String),
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/members', '{replica}', version, deleted)
ORDER BY (id)
PARTITION BY bucket;

CREATE TABLE IF NOT EXISTS union_stats.members ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  organization_id String,
  gender LowCardinality(String),
  birth Nullable(Date32),
  migrant_worker Bool,
  status LowCardinality(String),
  joined Nullable(Date32),
  last_dues Nullable(Date32),
  dues_exempt Bool,
  education LowCardinality(String),
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
) ENGINE = Distributed(union_stats, union_stats, members_local, shard_key);

-- Dues payments funds announced (≈ 300 million members × 12 a year), sharded by the member like
-- the members table (the same hash of the same id), so a member's DUES_STATUS joins on its shard.
-- A payment never changes: its month partitions it, and old years leave whole.
CREATE TABLE IF NOT EXISTS union_stats.dues_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  member_id String,
  paid Date32
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/dues', '{replica}', version, deleted)
ORDER BY (member_id, paid, id)
PARTITION BY toYYYYMM(paid);

CREATE TABLE IF NOT EXISTS union_stats.dues ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(member_id),
  member_id String,
  paid Date32
) ENGINE = Distributed(union_stats, union_stats, dues_local, shard_key);
