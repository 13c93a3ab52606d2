import { describe, expect, test } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { z } from 'zod';
import { AppError, ConfigError, createErrorFormatter, parseConfig, requireWorkspace, serviceEnvShape } from '../src/index.js';

describe('error formatting', () => {
  const lines: string[] = [];
  const log = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
  const format = createErrorFormatter(log);

  test('an expected error keeps its code, message and details', () => {
    const err = new GraphQLError('x', { originalError: new AppError('BAD_USER_INPUT', 'name is required', { fields: ['name'] }), path: ['createX'] });
    expect(format({ message: 'x', path: ['createX'] }, err)).toEqual({
      message: 'name is required',
      path: ['createX'],
      extensions: { code: 'BAD_USER_INPUT', details: { fields: ['name'] } },
    });
  });

  test('an error relayed by the gateway from a subgraph keeps its code and details', () => {
    const relayed = { message: 'text is required', extensions: { code: 'BAD_USER_INPUT', details: { fields: ['text'] } } };
    const err = new GraphQLError('text is required', { originalError: relayed as unknown as Error, path: ['addResponses'], extensions: relayed.extensions });
    expect(format({ message: 'text is required', path: ['addResponses'], extensions: relayed.extensions }, err)).toEqual({
      message: 'text is required',
      path: ['addResponses'],
      extensions: { code: 'BAD_USER_INPUT', details: { fields: ['text'] } },
    });
  });

  test.each([
    ['GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.'],
    ['GRAPHQL_VALIDATION_FAILED', 'Cannot query field "nope" on type "Query".'],
    ['BAD_USER_INPUT', 'Variable "$email" got invalid value 7; String cannot represent a non string value: 7'],
  ])('a request Apollo refuses before running it (%s) keeps its code and message, and is logged at info with its code only', (code, message) => {
    const infos: string[] = [];
    const formatAtInfo = createErrorFormatter(pino({ level: 'info' }, { write: (l: string) => void infos.push(l) }));
    const err = new GraphQLError(message, { originalError: new GraphQLError(message), extensions: { code } });
    const out = formatAtInfo({ message, locations: [{ line: 1, column: 3 }], extensions: { code, stacktrace: ['at parse'] } }, err);
    expect(out).toEqual({ message, locations: [{ line: 1, column: 3 }], extensions: { code } });
    expect(infos.map((l) => JSON.parse(l) as { level: number; code: string; msg: string })).toEqual([expect.objectContaining({ level: 30, code, msg: 'operation refused' })]);
    expect(infos.join('')).not.toContain(message.slice(0, 12));
  });

  test('an unexpected error becomes a generic INTERNAL_SERVER_ERROR without its message or stack, and is logged', () => {
    const err = new GraphQLError('boom', { originalError: new TypeError('cannot read secretField of undefined') });
    const out = format({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x.ts:1'] } }, err);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(out)).not.toMatch(/secretField|stacktrace/);
    expect(lines.join('')).toContain('cannot read secretField');
  });
});

describe('configuration', () => {
  test('every problem is reported at once', () => {
    try {
      parseConfig(serviceEnvShape, { PORT: 'abc', MONGO_URL: 'http://x' });
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/MONGO_URL: must be a mongodb/);
      expect(problems).toMatch(/KAFKA_BROKERS/);
    }
  });

  test('a valid environment is parsed, typed and frozen', () => {
    const config = parseConfig({ ...serviceEnvShape, EXTRA: z.string().default('d') }, { PORT: '4001', MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'a:1, b:2' });
    expect(config.PORT).toBe(4001);
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.EXTRA).toBe('d');
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('a cross-field check runs on the parsed values and its problems are reported as a ConfigError', () => {
    const shape = { ...serviceEnvShape, A: z.string().optional(), B: z.string().optional() };
    const needsBWithA = (c: { A?: string | undefined; B?: string | undefined }) => (c.A && !c.B ? ['B: required when A is set'] : []);
    const env = { PORT: '4001', MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'a:1' };
    expect(() => parseConfig(shape, { ...env, A: 'x' }, needsBWithA)).toThrow(expect.objectContaining({ problems: ['B: required when A is set'] }));
    expect(parseConfig(shape, { ...env, A: 'x', B: 'y' }, needsBWithA).B).toBe('y');
  });

  test('every service serves https given an existing certificate and key, both or neither', () => {
    const env = { PORT: '4001', MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'a:1' };
    const existing = process.execPath;
    expect(() => parseConfig(serviceEnvShape, { ...env, TLS_CERT_FILE: existing })).toThrow(
      expect.objectContaining({ problems: ['TLS_CERT_FILE, TLS_KEY_FILE: set both (a certificate and its key) or neither'] }),
    );
    expect(() => parseConfig(serviceEnvShape, { ...env, TLS_CERT_FILE: '/no/cert.pem', TLS_KEY_FILE: existing })).toThrow(expect.objectContaining({ problems: ['TLS_CERT_FILE: no such file'] }));
    expect(parseConfig(serviceEnvShape, { ...env, TLS_CERT_FILE: existing, TLS_KEY_FILE: existing }).TLS_KEY_FILE).toBe(existing);
  });
});

describe('the subprocessor gate for mail', () => {
  const env = { PORT: '4001', MONGO_URL: 'mongodb://h/db', KAFKA_BROKERS: 'a:1' };
  test('admits a registered email subprocessor and the deployment own relays, and refuses any other SMTP host', () => {
    expect(parseConfig(serviceEnvShape, env).SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(parseConfig(serviceEnvShape, { ...env, SMTP_URL: 'smtps://user:pw@smtp-relay.brevo.com:465' }).SMTP_URL).toContain('brevo');
    expect(parseConfig(serviceEnvShape, { ...env, SMTP_URL: 'smtp://mailpit:1025', SMTP_ALLOWED_HOSTS: 'mailpit' }).SMTP_ALLOWED_HOSTS).toEqual(['mailpit']);
    expect(() => parseConfig(serviceEnvShape, { ...env, SMTP_URL: 'smtp://smtp.mail-provider.example:587' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^SMTP_URL: smtp\.mail-provider\.example is not a registered email subprocessor/)] }),
    );
    expect(() => parseConfig(serviceEnvShape, { ...env, SMTP_URL: 'smtp://mailpit:1025' })).toThrow(expect.objectContaining({ problems: [expect.stringContaining('SMTP_ALLOWED_HOSTS')] }));
  });
});

describe('tenant isolation', () => {
  const ctx = { principal: { userId: 'u', workspaces: { w1: 'ADMIN' as const, w2: 'MEMBER' as const }, platformRoles: [] }, authProblem: null };
  test.each([
    ['w1', 'ADMIN', null],
    ['w2', 'MEMBER', null],
    ['w2', 'ADMIN', 'FORBIDDEN'],
    ['w3', 'MEMBER', 'FORBIDDEN'],
  ] as const)('workspace %s with role %s -> %s', (ws, role, code) => {
    const run = () => requireWorkspace(ctx, ws, role);
    if (code) expect(run).toThrow(expect.objectContaining({ code }));
    else expect(run()).toBe(ctx.principal);
  });

  test('no principal means UNAUTHENTICATED, with the reason the token was refused', () => {
    expect(() => requireWorkspace({ principal: null, authProblem: 'expired' }, 'w1')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'expired' }));
  });
});
