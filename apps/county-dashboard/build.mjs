// The browser bundle the gateway serves in development (gateway/src/reference-screen.ts): one
// file, every dependency inside, nothing fetched from outside a closed union intranet.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  outfile: 'dist/county-dashboard.js',
  logLevel: 'warning',
});
