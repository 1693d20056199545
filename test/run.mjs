#!/usr/bin/env node
// `npm test`: lint, types, the supergraph check and every Jest test, then one closing line
// `N passed, N failed` counting every check and test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, '.jest-results.json');
const extraArgs = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status === 0;
}

let passed = 0;
let failed = 0;
const checks = [
  ['lint and format (biome)', 'npx', ['biome', 'ci', '.']],
  ['build and typecheck (turbo)', 'npx', ['turbo', 'run', 'build', 'typecheck', '--output-logs=errors-only']],
  ['supergraph is up to date', 'node', ['packages/supergraph/dist/cli.js', 'compose', '--check']],
  [
    'import rules: no circles, no package importing an application (dependency-cruiser)',
    'npx',
    [
      'depcruise',
      '--config',
      '.dependency-cruiser.cjs',
      'packages',
      'services',
      'gateway',
      'apps',
      'test',
      '--output-type',
      'err',
    ],
  ],
  [
    'no copy-paste (jscpd, threshold 0, see .jscpd.json)',
    'npx',
    ['jscpd', '--config', '.jscpd.json', 'packages', 'services', 'gateway', 'apps', 'test'],
  ],
];
for (const [label, cmd, args] of checks) {
  if (run(label, cmd, args)) passed++;
  else {
    failed++;
    console.error(`✗ ${label} failed`);
  }
}

rmSync(results, { force: true });
run('jest', 'npx', ['jest', '--json', `--outputFile=${results}`, ...extraArgs]);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load has no failed test of its own: count it, or it would go unseen.
  failed += r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  if (r.numPendingTests + r.numTodoTests > 0) {
    console.error(`✗ ${r.numPendingTests + r.numTodoTests} skipped or todo tests: none may be left behind`);
    failed++;
  }
} else {
  console.error('✗ jest wrote no results');
  failed++;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
