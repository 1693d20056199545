-- The org directory on every node: the subtree of a union is `organization_id IN (SELECT id FROM
-- union_stats.orgs WHERE has(path, {root:String}))` against the node's own full copy, so a
-- distributed breakdown never ships the directory across shards. ≈ 3 million rows (2.8 million
-- grassroots unions and their federations): small enough to hold whole on each node.
-- The cluster `union_stats_everywhere` is one shard whose replicas are all nodes, so the
-- replication path has no {shard}: every node replicates the same table.
CREATE DATABASE IF NOT EXISTS union_stats;

CREATE TABLE IF NOT EXISTS union_stats.orgs ON CLUSTER union_stats_everywhere (
  id String,
  version UInt64,
  deleted UInt8 DEFAULT 0,
  path Array(String),
  type LowCardinality(String),
  level LowCardinality(String),
  status LowCardinality(String),
  province LowCardinality(String),
  city LowCardinality(String),
  county String,
  township String,
  industry LowCardinality(String),
  section LowCardinality(String),
  ownership LowCardinality(String),
  size_band LowCardinality(String)
) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/everywhere/union_stats/orgs', '{replica}', version, deleted)
ORDER BY (id);
