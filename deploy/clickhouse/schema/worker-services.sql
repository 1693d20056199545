-- Worker services: hardship (assistance) cases (≈ 3 million archived households, about persons:
-- analysts read them under k), Workers' Homes (≈ 2.8 million) and their model-title campaigns
-- (sharded by the home, so the highest title held joins on each shard), and labor-relations
-- alerts (≈ 1 million a year), and collective contracts (≈ 1.5 million: grassroots, sectoral and
-- regional) with the units §12 contracts list (covered_units, sharded by the contract so a
-- contract's workers sum on one shard). States derive from append-only workflow steps: the
-- consumer replays them as the subgraph does (its statistics declaration reads through the same
-- replay), so a step is one replacing insert of its subject. Sorted by id alone: states change.
CREATE TABLE IF NOT EXISTS union_stats.assistance_cases_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  province LowCardinality(String),
  city LowCardinality(String),
  county String,
  township Nullable(String),
  status LowCardinality(String),
  level LowCardinality(String),
  assisted_fen Int64,
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/assistance_cases', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.assistance_cases ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  organization_id String,
  province LowCardinality(String),
  city LowCardinality(String),
  county String,
  township Nullable(String),
  status LowCardinality(String),
  level LowCardinality(String),
  assisted_fen Int64,
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
) ENGINE = Distributed(union_stats, union_stats, assistance_cases_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.workers_homes_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  kind LowCardinality(String),
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/workers_homes', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.workers_homes ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  organization_id String,
  kind LowCardinality(String),
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
) ENGINE = Distributed(union_stats, union_stats, workers_homes_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.model_titles_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  home_id String,
  level LowCardinality(String),
  status LowCardinality(String)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/model_titles', '{replica}', version, deleted)
ORDER BY (home_id, id);

CREATE TABLE IF NOT EXISTS union_stats.model_titles ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(home_id),
  home_id String,
  level LowCardinality(String),
  status LowCardinality(String)
) ENGINE = Distributed(union_stats, union_stats, model_titles_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.labor_alerts_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  category LowCardinality(String),
  stage LowCardinality(String),
  risk LowCardinality(String),
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/labor_alerts', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.labor_alerts ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  organization_id String,
  category LowCardinality(String),
  stage LowCardinality(String),
  risk LowCardinality(String),
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
) ENGINE = Distributed(union_stats, union_stats, labor_alerts_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.contracts_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  kind LowCardinality(String),
  scope LowCardinality(String),
  stage LowCardinality(String),
  signed Nullable(Int32),
  starts Int32,
  expires Int32,
  renews_id Nullable(String),
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
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/contracts', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.contracts ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  organization_id String,
  kind LowCardinality(String),
  scope LowCardinality(String),
  stage LowCardinality(String),
  signed Nullable(Int32),
  starts Int32,
  expires Int32,
  renews_id Nullable(String),
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
) ENGINE = Distributed(union_stats, union_stats, contracts_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.covered_units_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  contract_id String,
  workers Int32,
  removed Nullable(Int32)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/covered_units', '{replica}', version, deleted)
ORDER BY (contract_id, id);

CREATE TABLE IF NOT EXISTS union_stats.covered_units ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(contract_id),
  contract_id String,
  workers Int32,
  removed Nullable(Int32)
) ENGINE = Distributed(union_stats, union_stats, covered_units_local, shard_key);
