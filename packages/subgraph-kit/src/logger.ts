import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    // Personal data must never reach logs through a caller header or a variables dump.
    redact: [
      'req.headers.authorization',
      'req.headers["x-union-caller"]',
      'req.headers["x-union-signature"]',
    ],
  });
}
