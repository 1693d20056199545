import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';

/**
 * The dev stack's promise: FerretDB and Redis answer a real ping when startDevStack resolves, and
 * die with the process that started them — on Ctrl-C and on a crash — leaving no port behind.
 */
const dist = join(__dirname, '..', '..', 'dist');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function startStackProcess(afterStart: string): Promise<{ child: ChildProcess; ports: number[] }> {
  const { MONGO_URL: _m, REDIS_URL: _r, ...env } = process.env;
  const script = `
    const { startDevStack, pingMongoUrl, pingRedisUrl } = require(${JSON.stringify(dist)});
    startDevStack().then(async (s) => {
      await Promise.all([pingMongoUrl(s.mongoUrl), pingRedisUrl(s.redisUrl)]);
      console.log(JSON.stringify([new URL(s.mongoUrl).port, new URL(s.redisUrl).port].map(Number)));
      ${afterStart}
    });`;
  const child = spawn(process.execPath, ['-e', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (buf: Buffer) => resolve({ child, ports: JSON.parse(buf.toString()) }));
    child.once('exit', (code) => reject(new Error(`stack process exited early (${code})`)));
  });
}

/** Ports close when the kernel has reaped the servers; poll that real condition, with a deadline. */
async function closedWithin(ports: number[], ms: number): Promise<boolean[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await Promise.all(ports.map(portOpen));
    if (!open.some(Boolean) || Date.now() > deadline) return open;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );

describe('dev stack processes', () => {
  it('starts answering servers and stops them on Ctrl-C', async () => {
    const { child, ports } = await startStackProcess('setInterval(() => {}, 1000);');
    expect(await Promise.all(ports.map(portOpen))).toEqual([true, true]);
    const done = exited(child);
    child.kill('SIGINT');
    expect(await done).toBe(130);
    expect(await Promise.all(ports.map(portOpen))).toEqual([false, false]);
  });

  it('stops them when the process crashes', async () => {
    const { child, ports } = await startStackProcess("setTimeout(() => { throw new Error('boom'); }, 10);");
    expect(await exited(child)).toBe(1);
    // A crash cannot wait for the children; they get SIGTERM and go within moments.
    expect(await closedWithin(ports, 5000)).toEqual([false, false]);
  });
});
