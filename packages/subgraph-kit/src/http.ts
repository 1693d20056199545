import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** An Express app on a port (0 = any free one), with the `/graphql` URL it answers on. */
export interface HttpListener {
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish for a grace period, then cuts their sockets. */
  close(graceMs?: number): Promise<void>;
}

export function httpListener(app: Express): HttpListener {
  let server: Server | undefined;
  return {
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const s = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          resolve(`http://${host}:${(s.address() as AddressInfo).port}/graphql`);
        });
        server = s;
      });
    },
    async close(graceMs = 5000) {
      const s = server;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeIdleConnections();
        setTimeout(() => s.closeAllConnections(), graceMs).unref();
      });
    },
  };
}
