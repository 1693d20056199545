import { randomBytes } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';
import type { ChangeEvent } from './events';
import type { Logger } from './logger';

/**
 * Acknowledged ⇔ stored, with Redis out of the write's path. Without transactions a change and
 * its events cannot be one write, so a change's events are first stored in the subgraph's own
 * database (`_outbox`, one document per change, ids in time order) and then relayed to the Redis
 * stream in order and removed. A write therefore succeeds while Redis is down; its events reach
 * the stream once Redis is back, and the relayed backlog invalidates whatever the gateway cached
 * before. A process that stopped with events still stored relays them when it starts again.
 */
export interface OutboxDoc {
  _id: string;
  events: ChangeEvent[];
  createdAt: Date;
}

const outboxSchema = new Schema<OutboxDoc>(
  { _id: String, events: { type: Schema.Types.Mixed, required: true }, createdAt: Date },
  { collection: '_outbox', versionKey: false },
);

export function outboxModel(conn: Connection): Model<OutboxDoc> {
  return conn.models.Outbox ?? conn.model<OutboxDoc>('Outbox', outboxSchema);
}

export interface OutboxOptions {
  /** Sends events to the stream; throws when Redis does not take them. */
  send: (events: ChangeEvent[]) => Promise<void>;
  log: Logger;
  /** How long a write waits for its events to reach the stream before it answers anyway. */
  waitMs?: number;
  /** Longest pause between attempts while Redis is down. */
  maxBackoffMs?: number;
}

const sequence = { last: 0, n: 0 };

/** Ids sort in the order this process stored them (time, then a counter), then by process. */
function outboxId(): string {
  const now = Date.now();
  sequence.n = now === sequence.last ? sequence.n + 1 : 0;
  sequence.last = now;
  return `${now.toString(36).padStart(9, '0')}-${sequence.n.toString(36).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
}

export class Outbox {
  private readonly pending: OutboxDoc[] = [];
  private draining: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private backoffMs = 100;
  private stopped = false;
  private readonly drainedWaiters: (() => void)[] = [];

  constructor(
    private readonly model: Model<OutboxDoc>,
    private readonly opts: OutboxOptions,
  ) {}

  /** Relays what a previous run stored but did not send. */
  async recover(): Promise<void> {
    const left = await this.model.find().sort({ _id: 1 }).lean<OutboxDoc[]>();
    if (left.length)
      this.opts.log.info({ changes: left.length }, 'relaying change events stored by an earlier run');
    this.pending.push(...left);
    void this.drain();
  }

  /**
   * Stores a change's events (the write the caller's acknowledgement depends on), then waits a
   * little for them to reach the stream, so in the usual case they are there when the write answers.
   */
  async add(events: ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    const doc: OutboxDoc = { _id: outboxId(), events, createdAt: new Date() };
    await this.model.create(doc);
    this.pending.push(doc);
    const sent = this.drain();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      sent,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.opts.waitMs ?? 1_000);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Changes stored and not yet on the stream. */
  get backlog(): number {
    return this.pending.length;
  }

  /** Resolves once every stored change has reached the stream. */
  drained(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  /** One relay at a time, oldest first: a later change never overtakes an earlier one. */
  private drain(): Promise<void> {
    this.draining ??= this.relay().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async relay(): Promise<void> {
    while (this.pending.length > 0 && !this.stopped) {
      const next = this.pending[0]!;
      try {
        await this.opts.send(next.events);
      } catch (e) {
        this.scheduleRetry(e);
        return;
      }
      this.backoffMs = 100;
      this.pending.shift();
      // Sent twice at worst if this fails (consumers apply by version, so a repeat is harmless).
      await this.model.deleteOne({ _id: next._id }).catch((e: unknown) => {
        this.opts.log.warn({ err: e, id: next._id }, 'relayed change events could not be cleared');
      });
    }
    if (this.pending.length === 0) for (const w of this.drainedWaiters.splice(0)) w();
  }

  private scheduleRetry(error: unknown): void {
    if (this.retry || this.stopped) return;
    this.opts.log.warn({ err: error, backlog: this.pending.length }, 'change events wait for Redis');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.drain();
    }, this.backoffMs);
    this.retry.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.maxBackoffMs ?? 2_000);
  }
}
