#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FERRETDB_BACKENDS, type FerretDbBackend, ferretDbBackend } from '@union-graph/dev-stack';
import { formatCacheWrites, runCacheWritesBench } from './cache-writes';
import { formatPeerReport } from './peer/report';
import { peerScenario } from './peer/scenario';
import { formatReport, formatStatisticsRun, formatTargets, table, writeResults } from './report';
import { type BenchSettings, PRESETS, runBench, runStatisticsBench } from './run';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'medium' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    backends: { type: 'string' },
    /** `statistics`: that scenario alone, on the first backend (the large scale's way to measure it). */
    scenario: { type: 'string' },
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

/** The preset of the scale, with the load settings the command line gives instead. */
function loadSettings(preset: (typeof PRESETS)[string]): BenchSettings {
  return {
    ...preset,
    scale: values.scale,
    connections: positive('connections', values.connections, preset.connections),
    duration: positive('duration', values.duration, preset.duration),
    requests: values.duration ? undefined : preset.requests,
    rounds: positive('rounds', values.rounds, preset.rounds),
  };
}

async function main(): Promise<void> {
  const preset = PRESETS[values.scale];
  if (!preset) throw new Error(`--scale must be one of ${Object.keys(PRESETS).join(', ')}`);
  if (values.scenario !== undefined && !['statistics', 'peer', 'cache-writes'].includes(values.scenario))
    throw new Error('--scenario takes statistics, peer or cache-writes (or is left out for every scenario)');
  if (values.scenario === 'cache-writes') {
    const run = await runCacheWritesBench({
      ...loadSettings(preset),
      backends: values.backends === undefined ? undefined : backendsToCompare(values.backends),
    });
    console.log(formatCacheWrites(run, table, formatTargets));
    console.log(`\nfull figures: ${writeResults(run, values.out)}`);
    return;
  }
  if (values.scenario === 'peer') {
    const run = await peerScenario(loadSettings(preset));
    console.log(formatPeerReport(run));
    console.log(`\nfull figures: ${writeResults(run, values.out)}`);
    return;
  }
  if (values.scenario === 'statistics') {
    const run = await runStatisticsBench({
      ...loadSettings(preset),
      backends: values.backends === undefined ? undefined : backendsToCompare(values.backends),
    });
    console.log(formatStatisticsRun(run));
    console.log(`\nfull figures: ${writeResults(run, values.out)}`);
    return;
  }
  const result = await runBench({ ...loadSettings(preset), backends: backendsToCompare(values.backends) });
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
