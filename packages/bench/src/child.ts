import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type CommandCounter,
  countCommands,
  createLogger,
  createSubgraph,
  type SubgraphDefinition,
} from '@union-graph/subgraph-kit';
import { loadDefinition } from './definitions';
import type { ChildConfig, ChildReply, ChildRequest } from './protocol';

/** Set for the rest of a request's handling from the moment the subgraph builds its context. */
const inRequest = new AsyncLocalStorage<true>();

/**
 * The definition with loaders that mark the request building them: the kit builds a request's
 * loaders with its context, and the request's resolvers all continue from there, while background
 * work (the R16 sweep, read models catching up, reconciliation) never passes through it. So the
 * counter counts the request's own commands, and what ran beside it apart (`others`).
 */
function markingRequests<M, L>(def: SubgraphDefinition<M, L>): SubgraphDefinition<M, L> {
  return {
    ...def,
    loaders: (models, scope) => {
      inRequest.enterWith(true);
      return def.loaders(models, scope);
    },
  };
}

/**
 * One benchmarked server in its own process, so its RSS is its own. The parent talks to it over
 * IPC: database commands counted on its connection (subgraphs), and its memory.
 */
async function start(
  config: ChildConfig,
): Promise<{ url: string; counter?: CommandCounter; readModelBytes?: () => Promise<number> }> {
  // Imported by role, so that no process carries another's code in its RSS.
  if (config.kind === 'plain-gateway')
    return { url: await (await import('./plain-gateway.js')).startPlainGateway(config.gateway) };
  if (config.kind === 'peer-subgraphs' || config.kind === 'hive-gateway')
    return { url: await (await import('./peer/servers.js')).startPeerServer(config) };
  if (config.kind === 'gateway') {
    const { createGateway } = await import('@union-graph/gateway');
    const gateway = await createGateway({ ...config.gateway, logger: createLogger('gateway', 'error') });
    return { url: await gateway.listen(0) };
  }
  const logger = createLogger(config.entry.name, 'error');
  const server = await createSubgraph(markingRequests(loadDefinition(config.entry)), {
    ...config.runtime,
    logger,
  });
  // Measured once what the seed published is in every read model, not while they catch up.
  await server.caughtUp();
  const counter = countCommands(server.conn, { only: () => inRequest.getStore() === true });
  const statistics = server.statistics;
  return {
    url: await server.listen(0),
    counter,
    ...(statistics && { readModelBytes: () => statistics.memoryBytes() }),
  };
}

function reply(message: ChildReply): void {
  process.send?.(message);
}

// The configuration comes as the first message: a supergraph is too large for the command line.
process.once('message', (config: ChildConfig) => {
  start(config).then(
    (server) => {
      process.on('message', async (req: ChildRequest) => {
        if (req.op === 'reset') server.counter?.reset();
        const readModelBytes = req.op === 'readModel' ? await server.readModelBytes?.() : undefined;
        const { rss } = process.memoryUsage();
        // maxRSS is the kernel's high-water mark (KiB): the true peak, not a sample of it.
        const usage = process.resourceUsage();
        const peakRss = usage.maxRSS * 1024;
        const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
        const { count = 0, roundTrips = 0, commands = 0, others = {} } = server.counter ?? {};
        reply({
          op: req.op,
          id: req.id,
          commands: count,
          roundTrips,
          sent: commands,
          others,
          rss,
          peakRss,
          cpuMs,
          ...(readModelBytes !== undefined && { readModelBytes }),
        });
      });
      reply({ op: 'ready', url: server.url });
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
// The parent going away (a crash, Ctrl-C) takes the child with it.
process.on('disconnect', () => process.exit(0));
