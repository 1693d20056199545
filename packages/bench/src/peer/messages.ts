import { defineMessages } from '@union-graph/subgraph-kit';

/** What the peer scenario prints, in the terminal's language (`LANG`). */
export const peerText = defineMessages('bench-peer', {
  title: {
    zh: '同行对比 — The Guild 公开联邦基准的形态（accounts、products、reviews、inventory，无缓存提示），答复 {kib} KiB，{connections} 个连接，{rounds} 轮交替，每轮 {each}',
    en: "Peers — the shape of The Guild's public federation benchmark (accounts, products, reviews, inventory, no cache hints), a {kib} KiB answer, {connections} connections, {rounds} alternating round(s) of {each}",
  },
  sameQuery: { zh: '每个请求同一查询', en: 'every request the same query' },
  distinctVariables: { zh: '每个请求不同变量', en: 'every request distinct variables' },
  ours: { zh: '本网关，Redis 缓存开启（去重开启）', en: 'ours, Redis caches on (dedup on)' },
  oursUncached: { zh: '本网关，无 Redis（去重开启）', en: 'ours, no Redis (dedup on)' },
  apollo: { zh: '原版 @apollo/gateway', en: 'plain @apollo/gateway' },
  hive: { zh: 'Hive Gateway，去重开启', en: 'Hive Gateway, dedup on' },
  hiveNoDedup: { zh: 'Hive Gateway，去重关闭', en: 'Hive Gateway, dedup off' },
  memory: { zh: '同行对比的内存（RSS，MiB）', en: 'Peers: memory (RSS, MiB)' },
  targetHive: {
    zh: '同一查询：本网关（去重开启）≥ Hive Gateway（去重开启）（每秒请求）',
    en: 'same query: ours (dedup on) ≥ Hive Gateway (dedup on) (req/s)',
  },
  targetApollo: {
    zh: '不同变量：本网关 ≥ 1.5 × 原版 @apollo/gateway（每秒请求）',
    en: 'distinct variables: ours ≥ 1.5 × plain @apollo/gateway (req/s)',
  },
  targetCacheCost: {
    zh: '不可缓存的负载上，缓存开启比关闭多花的 CPU ≤ 3 %（每请求 CPU，不同变量）',
    en: 'on an uncacheable workload, caches on cost ≤ 3 % CPU over caches off (CPU per request, distinct variables)',
  },
  ratioDetail: { zh: '{ratio}', en: '{ratio}' },
  costDetail: {
    zh: '{cost}（每请求 {on} 毫秒 CPU 对 {off} 毫秒；每秒请求 {rps}）',
    en: '{cost} ({on} vs {off} CPU ms per request; req/s {rps})',
  },
});
