import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Paths that may hold tokens or personal data. Redaction is a second line of defence: code must not
 * log personal data in the first place (log ids and counts, never text, emails or names).
 */
const redactPaths = [
  'token',
  'accessToken',
  'password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'email',
  'firstName',
  'text',
  'rawText',
  '*.token',
  '*.password',
  '*.email',
  '*.firstName',
  '*.text',
  'variables',
];

export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
