#!/usr/bin/env node
import { ensureFerretDb } from './ferretdb';
import { launch } from './launcher';
import { say, stackText } from './messages';

const [command] = process.argv.slice(2);

async function main(): Promise<void> {
  switch (command) {
    case 'start':
      return launch();
    case 'build-ferretdb':
      console.log(ensureFerretDb());
      return;
    default:
      console.error(say(stackText('usage')));
      process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
