#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, writeResults } from './report';
import { PRESETS, runBench } from './run';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'medium' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    out: { type: 'string', default: join(__dirname, '..', 'results') },
  },
});

function positive(name: string, value: string | undefined, preset: number): number {
  if (value === undefined) return preset;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function main(): Promise<void> {
  const preset = PRESETS[values.scale];
  if (!preset) throw new Error(`--scale must be one of ${Object.keys(PRESETS).join(', ')}`);
  const result = await runBench({
    ...preset,
    scale: values.scale,
    connections: positive('connections', values.connections, preset.connections),
    duration: positive('duration', values.duration, preset.duration),
    requests: values.duration ? undefined : preset.requests,
    rounds: positive('rounds', values.rounds, preset.rounds),
  });
  console.log(formatReport(result));
  console.log(`\nfull figures: ${writeResults(result, values.out)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
