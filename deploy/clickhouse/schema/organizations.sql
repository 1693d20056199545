-- Organizations' own facts about each union, as organizations declares them (src/statistics.ts),
-- the union itself being the directory row (00-directory.sql): six-haves assessments (one per
-- union and year), committee terms, annual reviews, host-unit coverage and the registry's member
-- counts (≈ 3 million unions: a few million rows each). All are sharded by the union, so a union's
-- facts join on the shard that holds them; none is big enough to partition.
-- Coverage rows are announced by their unit's events (organizations reads them by `unitId`): the
-- consumer writes a tombstone for each row of the unit it no longer finds.
CREATE TABLE IF NOT EXISTS union_stats.assessments_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  compliant Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/assessments', '{replica}', version, deleted)
ORDER BY (organization_id, id);

CREATE TABLE IF NOT EXISTS union_stats.assessments ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  compliant Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, assessments_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.committees_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  type LowCardinality(String),
  term_start Date32,
  term_end Nullable(Date32)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/committees', '{replica}', version, deleted)
ORDER BY (organization_id, id);

CREATE TABLE IF NOT EXISTS union_stats.committees ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  type LowCardinality(String),
  term_start Date32,
  term_end Nullable(Date32)
) ENGINE = Distributed(union_stats, union_stats, committees_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.reviews_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  held Date32,
  passed Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/reviews', '{replica}', version, deleted)
ORDER BY (organization_id, id);

CREATE TABLE IF NOT EXISTS union_stats.reviews ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  held Date32,
  passed Bool
) ENGINE = Distributed(union_stats, union_stats, reviews_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.coverage_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  unit_id String,
  organization_id String,
  own Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/coverage', '{replica}', version, deleted)
ORDER BY (unit_id, id);

CREATE TABLE IF NOT EXISTS union_stats.coverage ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(unit_id),
  unit_id String,
  organization_id String,
  own Bool
) ENGINE = Distributed(union_stats, union_stats, coverage_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.registry_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  members UInt32
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/registry', '{replica}', version, deleted)
ORDER BY (id);

CREATE TABLE IF NOT EXISTS union_stats.registry ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(id),
  members UInt32
) ENGINE = Distributed(union_stats, union_stats, registry_local, shard_key);

-- R5's check of each assessment against the records (sixHavesDisagreements): one row per union and
-- year each time a record its evidence reads changes. Each declaration (checks: the assessments;
-- checks_terms, _reviews, _disclosures: organizations' own records; checks_registry, _evidence: the
-- relayed snapshots) has its table, keyed by the record whose event caused the check. Of a union's
-- year the row read last counts: argMax by version over the six tables' (organization_id, year), as
-- the DuckDB read model takes the highest `sequence` (a per-process counter, meaningless here).

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_terms_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks_terms', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_terms ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_terms_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_reviews_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks_reviews', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_reviews ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_reviews_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_disclosures_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks_disclosures', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_disclosures ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_disclosures_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_registry_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks_registry', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_registry ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_registry_local, shard_key);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_evidence_local ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/union_stats/six_haves_checks_evidence', '{replica}', version, deleted)
ORDER BY (organization_id, year, id);

CREATE TABLE IF NOT EXISTS union_stats.six_haves_checks_evidence ON CLUSTER union_stats (
  id String,
  version UInt64,
  deleted UInt8,
  shard_key UInt64 MATERIALIZED cityHash64(organization_id),
  organization_id String,
  year UInt16,
  sequence UInt64,
  disagreeing Bool,
  elected_chair Bool,
  sound_structure Bool,
  service_carriers Bool,
  sound_systems Bool,
  self_managed_funds Bool,
  member_satisfaction Bool
) ENGINE = Distributed(union_stats, union_stats, six_haves_checks_evidence_local, shard_key);
