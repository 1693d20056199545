#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FERRETDB_BACKENDS, type FerretDbBackend, ferretDbBackend } from '@union-graph/dev-stack';
import { formatReport, writeResults } from './report';
import { PRESETS, runBench } from './run';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'medium' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    backends: { type: 'string' },
    out: { type: 'string', default: join(__dirname, '..', 'results') },
  },
});

function positive(name: string, value: string | undefined, preset: number): number {
  if (value === undefined) return preset;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`--${name} must be a positive number`);
  return n;
}

/**
 * Both FerretDB backends side by side, the configured one first (it runs scenarios 1–5), unless
 * `--backends` names them; none on MONGO_URL's server.
 */
function backendsToCompare(value: string | undefined): FerretDbBackend[] | undefined {
  if (process.env.MONGO_URL) return undefined;
  if (value === undefined) {
    const configured = ferretDbBackend();
    return [configured, ...FERRETDB_BACKENDS.filter((b) => b !== configured)];
  }
  const named = value.split(',').map((b) => b.trim());
  const unknown = named.filter((b) => !(FERRETDB_BACKENDS as readonly string[]).includes(b));
  if (unknown.length || named.length === 0)
    throw new Error(`--backends takes a comma-separated list of ${FERRETDB_BACKENDS.join(', ')}`);
  return named as FerretDbBackend[];
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
    backends: backendsToCompare(values.backends),
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
