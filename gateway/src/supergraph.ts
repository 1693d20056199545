import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@union-graph/subgraph-kit';
import type { Metrics } from './metrics';

export const supergraphId = (sdl: string) => createHash('sha256').update(sdl).digest('hex').slice(0, 16);

/** Subgraph names and URLs of a supergraph (its join__Graph enum). */
export function subgraphsOf(sdl: string): readonly { name: string; url: string }[] {
  return Supergraph.build(sdl, { validateSupergraph: true }).subgraphsMetadata();
}

/**
 * The gateway's supergraph: a fixed SDL, or a file watched for changes. A new file is validated
 * (it must build as a supergraph) before ApolloGateway swaps to it; in-flight requests finish on the
 * old plan. An invalid file is logged and counted, and the last good supergraph keeps serving.
 * Emits `applied` (id) and `rejected` (error).
 */
export class SupergraphSource extends EventEmitter {
  private current: string;
  private watcher: FSWatcher | undefined;
  private update: ((sdl: string) => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { sdl?: string; file?: string; log: Logger; metrics: Metrics }) {
    super();
    if (!opts.sdl && !opts.file) throw new Error('a supergraph SDL or file is required');
    this.current = opts.sdl ?? readFileSync(opts.file!, 'utf8');
    subgraphsOf(this.current);
  }

  get sdl(): string {
    return this.current;
  }

  get id(): string {
    return supergraphId(this.current);
  }

  /** For ApolloGateway's `supergraphSdl` option. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    this.update = update;
    const file = this.opts.file;
    if (file) {
      // The directory, not the file: editors and `npm run compose` may replace the file.
      this.watcher = watch(dirname(file), (_event, name) => {
        if (name !== basename(file)) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reload(), 50);
      });
    }
    return { supergraphSdl: this.current, cleanup: async () => this.close() };
  };

  reload(): void {
    let sdl: string;
    try {
      sdl = readFileSync(this.opts.file!, 'utf8');
    } catch (err) {
      this.reject(err);
      return;
    }
    this.apply(sdl);
  }

  apply(sdl: string): void {
    if (sdl === this.current) return;
    try {
      subgraphsOf(sdl);
      this.update?.(sdl);
    } catch (err) {
      this.reject(err);
      return;
    }
    this.current = sdl;
    this.opts.metrics.supergraphUpdates.inc({ result: 'applied' });
    this.opts.log.info({ supergraph: this.id }, 'supergraph updated');
    this.emit('applied', this.id);
  }

  private reject(err: unknown): void {
    this.opts.metrics.supergraphUpdates.inc({ result: 'rejected' });
    this.opts.log.error({ err }, 'new supergraph rejected; the last good one keeps serving');
    this.emit('rejected', err);
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
