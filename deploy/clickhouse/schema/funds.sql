-- Ledger posting lines, as funds declares them (`lines`: a posting's lines in the union and
-- workers' books, amounts in fen; ≈ 2.8 million unions × 10 postings × 2 lines × 12 months ≈ 670
-- million a year). Postings are append-only (a reversal is a new posting), so a line's columns
-- never change and may sit in the keys: PARTITION BY month (`YYYY-MM`; old months are dropped or
-- moved to cold disks whole), ORDER BY category and month for category × month breakdowns, id last
-- for replacing. Sharded by the posting, so a replayed posting lands where its first copy did.
-- R9 and R13 ride on the lines: a line's earmark and funder, and an allocation receipt's state,
-- with its due, received and shortfall on the receiving union's line only (so each counts once).
CREATE TABLE IF NOT EXISTS union_stats.posting_lines_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  posting_id String,
  book LowCardinality(String),
  category LowCardinality(String),
  month LowCardinality(String),
  amount Int64,
  member_paid Bool,
  earmark LowCardinality(Nullable(String)),
  funder_id Nullable(String),
  allocation_state LowCardinality(Nullable(String)),
  allocation_due Nullable(Int64),
  allocation_received Nullable(Int64),
  allocation_shortfall Nullable(Int64),
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/posting_lines', '{replica}', version, deleted)
ORDER BY (category, month, id)
PARTITION BY month;

CREATE TABLE IF NOT EXISTS union_stats.posting_lines ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(posting_id),
  organization_id String,
  posting_id String,
  book LowCardinality(String),
  category LowCardinality(String),
  month LowCardinality(String),
  amount Int64,
  member_paid Bool,
  earmark LowCardinality(Nullable(String)),
  funder_id Nullable(String),
  allocation_state LowCardinality(Nullable(String)),
  allocation_due Nullable(Int64),
  allocation_received Nullable(Int64),
  allocation_shortfall Nullable(Int64),
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
) ENGINE = Distributed(union_stats, union_stats, posting_lines_local, shard_key);
