import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { say, stackText } from './messages';

/** A port the OS says is free now (the child binds it immediately after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function commandExists(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs a Debian package a server of the stack needs, on a fresh machine where we are root,
 * the same way .ci/run does, rather than leaving the two commands of the README broken.
 * `otherwise` tells a user without root what else works.
 */
export function aptInstall(pkg: string, otherwise: string, log: (msg: string) => void = console.log): void {
  const canInstall = process.getuid?.() === 0 && commandExists('apt-get');
  if (!canInstall) {
    throw new Error(
      `${pkg} is missing. Install it with \`sudo apt-get install -y ${pkg}\` (Debian/Ubuntu), ${otherwise}`,
    );
  }
  log(say(stackText('installing', { pkg })));
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const r = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install ${pkg} by hand`);
  }
}

/** Each child with the signal that stops it cleanly. */
const children = new Map<ChildProcess, NodeJS.Signals>();
const shutdownHooks: (() => Promise<void>)[] = [];
let hooked = false;

/**
 * Registers an orderly stop for Ctrl-C / SIGTERM. Hooks run last-registered first, so what started
 * last (the gateway) stops before what it depends on (subgraphs, then FerretDB and Redis).
 */
export function onShutdown(hook: () => Promise<void>): void {
  hookExit();
  shutdownHooks.unshift(hook);
}

function killAll(): void {
  for (const [c, signal] of children) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
}

/**
 * Children die with us: in order on Ctrl-C and SIGTERM, at once on a crash or a plain exit, and
 * after 15 s whatever a hook is waiting for.
 */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(1), 15_000).unref();
      void (async () => {
        for (const hook of shutdownHooks) await hook().catch(() => undefined);
        killAll();
        process.exit(sig === 'SIGINT' ? 130 : 143);
      })();
    });
  }
  process.on('uncaughtException', (err) => {
    killAll();
    console.error(err);
    process.exit(1);
  });
}

export interface Managed {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has exited; used to wait for a clean stop. */
  exited: Promise<void>;
  stop(): Promise<void>;
  /** The last lines it printed, for error messages when it dies at start-up. */
  output(): string;
}

export function startProcess(
  name: string,
  cmd: string,
  args: string[],
  opts: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    inheritOutput?: boolean;
    /** Run as another user (root starting PostgreSQL, which refuses to run as root). */
    user?: { uid: number; gid: number };
    /** SIGTERM unless the server stops cleanly on another (PostgreSQL: SIGINT, a fast shutdown). */
    stopSignal?: NodeJS.Signals;
  } = {},
): Managed {
  hookExit();
  const stopSignal = opts.stopSignal ?? 'SIGTERM';
  const child = spawn(cmd, args, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    ...opts.user,
    stdio: opts.inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  children.set(child, stopSignal);
  const tail: string[] = [];
  const keep = (buf: Buffer) => {
    tail.push(buf.toString());
    if (tail.length > 50) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      children.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      keep(Buffer.from(String(err)));
      children.delete(child);
      resolve();
    });
  });
  return {
    name,
    child,
    exited,
    output: () => tail.join(''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(stopSignal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * Polls `probe` until it succeeds, failing early if the process dies. Readiness is a real answer
 * from the server (a ping), never a fixed sleep.
 */
export async function waitUntilReady(
  proc: Managed,
  probe: () => Promise<unknown>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void proc.exited.then(() => {
    died = true;
  });
  let lastError: unknown;
  for (let delay = 25; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    if (died) throw new Error(`${proc.name} exited during start-up:\n${proc.output()}`);
    try {
      await probe();
      return;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(
    `${proc.name} did not become ready in ${timeoutMs} ms: ${String(lastError)}\n${proc.output()}`,
  );
}
