import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { driverModule } from '../driver-guard';
import { connectMongo } from '../mongo';

/**
 * The window the fault test met after a database restart, made on purpose against the real server:
 * the monitor's connection has lost its socket and its `close` has not run yet when a check is
 * written on it. Unguarded, that check never ends and the client never reaches the server again.
 */
let conn: Connection;

// Each test breaks its client's monitor: each has a client of its own.
beforeEach(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `guard_${randomBytes(4).toString('hex')}`);
});
afterEach(() => conn.close());

interface Monitor {
  connection: {
    socket: { destroy(): void; destroyed: boolean };
    command(ns: unknown, cmd: object, options: object): Promise<unknown>;
  } | null;
  monitorId: { lastExecutionEnded: number };
  requestCheck(): void;
}

function monitorOf(c: Connection): Monitor {
  const client = c.getClient() as unknown as {
    topology: { s: { servers: Map<string, { monitor: Monitor }> } };
  };
  return [...client.topology.s.servers.values()][0]!.monitor;
}

/** How `p` ended, or `still waiting` if it had not within `ms` (a failure, not a sync point). */
function outcome(p: Promise<unknown>, ms = 5_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => 'answered',
      (e: Error) => `${e.name}: ${e.message}`,
    ),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still waiting'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('driver write guard', () => {
  it('a command written on a connection whose socket is gone fails at once', async () => {
    const mc = monitorOf(conn).connection!;
    expect(mc.socket.destroyed).toBe(false);
    mc.socket.destroy();
    const { ns } = driverModule<{ ns(s: string): unknown }>('utils');
    expect(await outcome(mc.command(ns('admin.$cmd'), { hello: 1 }, {}))).toMatch(
      /^MongoNetworkError: connection .* closed$/,
    );
  });

  it("a check asked for in that window fails, and the monitor's next check reaches the server", async () => {
    const client = conn.getClient();
    const monitor = monitorOf(conn);
    expect(monitor.connection?.socket.destroyed).toBe(false);
    const failed = new Promise<Error>((resolve) =>
      client.once('serverHeartbeatFailed', (e) => resolve(e.failure)),
    );
    const succeeded = new Promise((resolve) =>
      failed.then(() => client.once('serverHeartbeatSucceeded', resolve)),
    );
    monitor.connection!.socket.destroy();
    // As a pooled connection's reset does: the check runs now, not after the minimum interval.
    monitor.monitorId.lastExecutionEnded = Number.NEGATIVE_INFINITY;
    monitor.requestCheck();
    expect(await outcome(failed.then((e) => Promise.reject(e)))).toMatch(
      /^MongoNetworkError: connection .* closed$/,
    );
    expect(await outcome(succeeded, 15_000)).toBe('answered');
    expect(await conn.db!.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
