import { parseArgs } from 'node:util';
import { readSubgraphList } from '@union-graph/supergraph';
import { GenerateError, generateSubgraph } from './generate';
import { provincialText, say } from './messages';
import {
  checkSubgraphList,
  provincialInfo,
  RegistrationError,
  registerSubgraph,
  unregisterSubgraph,
} from './registry';

/**
 * `new`        services/<name> from the template
 * `check`      the registered subgraphs (and a --candidate folder) against the rules and composition
 * `register`   add or update a provincial subgraph, recompose the supergraph (the gateway hot-swaps)
 * `unregister` remove it, recompose
 */
const USAGE = `usage:
  provincial new --province 440000 --name guangdong --namespace Gd [--port 4101]
  provincial check [--candidate services/guangdong]
  provincial register --name guangdong [--url http://host:4101/graphql] [--package services/guangdong]
  provincial unregister --name guangdong`;

function run(argv: string[]): void {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      province: { type: 'string' },
      name: { type: 'string' },
      namespace: { type: 'string' },
      port: { type: 'string' },
      url: { type: 'string' },
      package: { type: 'string' },
      candidate: { type: 'string' },
    },
  });
  const need = (key: keyof typeof values) => {
    const v = values[key];
    if (typeof v !== 'string')
      throw new GenerateError(say(provincialText('required', { option: key, usage: USAGE })));
    return v;
  };
  switch (command) {
    case 'new': {
      const files = generateSubgraph({
        province: need('province'),
        name: need('name'),
        namespace: need('namespace'),
        port: values.port ? Number(values.port) : undefined,
      });
      console.log(
        say(provincialText('created', { name: values.name, files: files.map((f) => `  ${f}`).join('\n') })),
      );
      console.log(say(provincialText('createdNext')));
      return;
    }
    case 'check': {
      const entries = readSubgraphList();
      const candidate = values.candidate?.replace(/\/$/, '');
      if (candidate && !entries.some((e) => e.package === candidate)) {
        const info = provincialInfo(candidate);
        const name = candidate.split('/').pop()!;
        entries.push({ name, url: `http://127.0.0.1:${info?.port ?? 0}/graphql`, package: candidate });
        if (!info) throw new GenerateError(say(provincialText('noUnionGraphBlock', { candidate })));
      }
      const { violations } = checkSubgraphList(entries);
      if (violations.length > 0) throw new RegistrationError(say(provincialText('checkFailed')), violations);
      const names = entries.filter((e) => provincialInfo(e.package)).map((e) => e.name);
      console.log(
        say(provincialText('checked', { names: names.join(', ') || say(provincialText('noneRegistered')) })),
      );
      return;
    }
    case 'register':
      registerSubgraph({ name: need('name'), url: values.url, package: values.package });
      console.log(say(provincialText('registered', { name: values.name })));
      return;
    case 'unregister':
      unregisterSubgraph({ name: need('name') });
      console.log(say(provincialText('unregistered', { name: values.name })));
      return;
    default:
      throw new GenerateError(USAGE);
  }
}

try {
  run(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof GenerateError || e instanceof RegistrationError)) throw e;
  console.error(e.message);
  process.exit(1);
}
