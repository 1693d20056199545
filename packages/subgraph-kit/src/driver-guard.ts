import { dirname } from 'node:path';

/**
 * The MongoDB driver mongoose 9 pins (7.8; 7.9 unchanged) writes a command with `socket.write` and,
 * when that returns false, waits for the socket's `drain` or `error`. A socket already destroyed
 * (the server reset it and its `close` has not run yet, or the pool interrupted it) returns false
 * and emits neither, so the command waits forever: no socket timeout fires on a destroyed socket.
 * The server monitor meets this when the database restarts: a pooled connection's reset asks for an
 * immediate check, which writes its `hello` on the monitor's own connection in that window. The
 * check then never ends, the server stays Unknown, and every operation of that client fails server
 * selection until the process restarts (seen in the fault test: one subgraph in three never
 * reconnected). The guard makes such a write fail as the driver's own closed-connection error, so
 * the monitor's failure path runs and its next check reconnects.
 */
interface DriverConnection {
  closed: boolean;
  error?: Error;
  id: number | '<monitor>';
  address: string;
  socket: { destroyed: boolean };
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  writeCommand(...args: unknown[]): Promise<void>;
}

const guarded = Symbol.for('union-graph.driver-guard');

/** A module of the driver mongoose loads (not necessarily hoisted where the kit could import it). */
export function driverModule<T>(path: string): T {
  const driverDir = dirname(
    require.resolve('mongodb/package.json', { paths: [require.resolve('mongoose')] }),
  );
  return require(`${driverDir}/lib/${path}`) as T;
}

export function guardDriverWrites(): void {
  const { Connection } = driverModule<{ Connection: { prototype: DriverConnection & { [guarded]?: true } } }>(
    'cmap/connection',
  );
  const { MongoNetworkError } = driverModule<{ MongoNetworkError: new (message: string) => Error }>('error');
  const proto = Connection.prototype;
  if (proto[guarded]) return;
  const write = proto.writeCommand;
  const closedError = (c: DriverConnection) =>
    c.error ?? new MongoNetworkError(`connection ${c.id} to ${c.address} closed`);
  proto.writeCommand = async function (this: DriverConnection, ...args: unknown[]) {
    if (this.closed || this.socket.destroyed) throw closedError(this);
    // The connection emits `close` once its socket is gone, however that happened: a write that
    // cannot end any more ends with it.
    let onClose = () => {};
    const closed = new Promise<never>((_, reject) => {
      onClose = () => reject(closedError(this));
      this.once('close', onClose);
    });
    try {
      return await Promise.race([write.apply(this, args), closed]);
    } finally {
      this.off('close', onClose);
    }
  };
  proto[guarded] = true;
}
