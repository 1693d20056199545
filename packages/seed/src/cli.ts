#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isSeeded } from './load';
import { say, seedText } from './messages';
import { planSeed, SCALES } from './plan';
import { loadWithProgress } from './progress';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '2014' },
    'if-empty': { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const scale = SCALES[values.scale];
  if (!scale) throw new Error(say(seedText('badScale', { scales: Object.keys(SCALES).join(', ') })));
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(say(seedText('badSeed')));
  const { MONGO_URL, REDIS_URL } = process.env;
  if (!MONGO_URL || !REDIS_URL) throw new Error(say(seedText('noServers')));
  const target = {
    mongoUrl: MONGO_URL,
    redisUrl: REDIS_URL,
    dbPrefix: process.env.UNION_GRAPH_DB_PREFIX ?? 'union_',
    keyspace: process.env.UNION_GRAPH_KEYSPACE ?? 'ug:',
  };
  if (values['if-empty'] && (await isSeeded(target))) {
    console.log(say(seedText('alreadySeeded')));
    return;
  }
  await loadWithProgress(
    planSeed(seed, scale),
    target,
    say(seedText('seeding', { scale: values.scale, seed })),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
