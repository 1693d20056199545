import { defineMessages } from '@union-graph/subgraph-kit';

/** What the benchmark prints, in the terminal's language (`LANG`); its JSON keeps stable keys. */
export const benchText = defineMessages('bench', {
  title: {
    zh: 'Union Graph 基准测试 — 规模 {scale}{backend}，{connections} 个连接，{rounds} 轮交替，每轮 {each}，共 {seconds} 秒',
    en: 'Union Graph benchmark — scale {scale}{backend}, {connections} connections, {rounds} alternating round(s) of {each}, {seconds} s in all',
  },
  onBackend: { zh: '，FerretDB 使用 {backend}', en: ', FerretDB on {backend}' },
  requests: { zh: '{n} 个请求', en: '{n} requests' },
  seconds: { zh: '{n} 秒', en: '{n} s' },
  data: { zh: '数据：{list}', en: 'data: {list}' },
  statisticsRun: {
    zh: 'Union Graph 基准测试（仅统计场景）— 规模 {scale}{backend}；生成、载入数据并启动栈 {ready} 秒（其中载入 {load} 秒，启动至读模型追上事件 {start} 秒），共 {seconds} 秒',
    en: 'Union Graph benchmark, statistics scenario only — scale {scale}{backend}; seed planned, loaded and stack started in {ready} s (loading {load} s, starting until the read models caught up {start} s), {seconds} s in all',
  },
  missing: {
    zh: '图中尚无（跨子图查询未包含）：{list}',
    en: 'not in the graph yet (left out of the cross-subgraph queries): {list}',
  },
  overhead: { zh: '1. 网关开销 — {query}', en: '1. Gateway overhead — {query}' },
  direct: { zh: '直连子图（签名）', en: 'straight to the subgraph (signed)' },
  oursOff: { zh: '经本网关，缓存关闭', en: 'through our gateway, caches off' },
  oursOn: { zh: '经本网关，缓存开启', en: 'through our gateway, caches on' },
  viaPlain: { zh: '经原版 Apollo Gateway', en: 'through plain Apollo Gateway' },
  overheadRatios: {
    zh: '本网关（缓存关闭）/ 直连：p50 {p50}，p99 {p99}，每秒请求 {rps}',
    en: 'ours (caches off) / direct: p50 {p50}, p99 {p99}, req/s {rps}',
  },
  caching: {
    zh: '2. 缓存 — {query}，{connections} 个连接',
    en: '2. Caching — {query}, {connections} connections',
  },
  plain: { zh: '原版 Apollo Gateway', en: 'plain Apollo Gateway' },
  cold: { zh: '本网关，冷缓存', en: 'our gateway, cold' },
  warm: { zh: '本网关，热缓存', en: 'our gateway, warm' },
  cachingRatios: {
    zh: '热 / 原版 {warmOverPlain}，冷 / 原版 {coldOverPlain}，热 / 冷 {warmOverCold}；一个热请求执行了 {commands} 条数据库命令',
    en: 'warm / plain {warmOverPlain}, cold / plain {coldOverPlain}, warm / cold {warmOverCold}; a warm request ran {commands} database commands',
  },
  nPlusOne: {
    zh: '3. 无 N+1 — {query}（每个请求自身的顺序数据库往返，括号内为发出的命令数；background：同时后台任务发出的命令数，不计入）',
    en: "3. No N+1 — {query} (the request's own sequential database round trips, commands sent in brackets; background: commands background work sent meanwhile, not counted)",
  },
  memory: { zh: '4. 内存（RSS，MiB）', en: '4. Memory (RSS, MiB)' },
  analyst: { zh: '5. 分析人员查询组合（毫秒）', en: '5. Analyst mix (ms)' },
  skipped: { zh: '图中尚不能回答：{list}', en: 'not answerable by the graph yet: {list}' },
  targets: { zh: '\n目标', en: '\nTargets' },
  holds: { zh: '✓ 达成', en: '✓ holds ' },
  misses: { zh: '✗ 未达成', en: '✗ misses' },
  targetCaching: {
    zh: '缓存：热缓存 ≥ 原版 Apollo Gateway 的 10 倍（每秒请求）',
    en: 'caching: warm ≥ 10× plain Apollo Gateway (RPS)',
  },
  targetCachingDetail: {
    zh: '{ratio}（每个热请求 {commands} 条数据库命令）',
    en: '{ratio} ({commands} database commands per warm request)',
  },
  targetNPlusOne: {
    zh: '无 N+1：每个请求的顺序数据库往返不随分页大小增长',
    en: 'no N+1: sequential database round trips per request flat in page size',
  },
  targetNPlusOneDetail: {
    zh: '{small} 个组织 {smallTrips} 次往返（{smallSent} 条命令），{large} 个组织 {largeTrips} 次（{largeSent} 条）',
    en: '{smallTrips} round trips ({smallSent} commands) for {small} organizations, {largeTrips} ({largeSent}) for {large}',
  },
  targetAnswered: { zh: '每个基准请求都以 2xx 作答', en: 'every benchmark request answered 2xx' },
  targetAnsweredDetail: { zh: '{failures} 次失败', en: '{failures} failures' },
  backendsTitle: {
    zh: '6. 后端 — 每个后端上同样的 {members} 名会员、{unions} 个工会；直接查询工会 {union}（{unionMembers} 名会员），中位数毫秒',
    en: '6. Backends — the same {members} members in {unions} unions on each; raw queries about union {union} ({unionMembers} members), median ms',
  },
  backendsPage: {
    zh: '{name}，经本网关（缓存关闭），4 个连接',
    en: '{name}, through our gateway (caches off), 4 connections',
  },
  backendsLimit: {
    zh: '会员分页 p50 低于 {budget} 毫秒（按本规模线性估计）：{list}',
    en: 'members page under {budget} ms p50 (linear estimate from this scale): {list}',
  },
  backendLimit: {
    zh: '{backend} 最多约 {members} 名会员（约 {unions} 个工会）',
    en: '{backend} up to ≈{members} members (≈{unions} unions)',
  },
});
