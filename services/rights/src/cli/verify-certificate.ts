/**
 * pnpm --silent verify-certificate <file> [--keys <keys.json> | --stack dev|test | --service <name>=<url> ...] [--save-keys <keys.json>]
 *
 * Verifies a completion certificate (the compact JWS of RightsRequest.certificate or of
 * rights.request-completed.v1) against the keys every service publishes at /.well-known/proof-keys.json:
 * rights' signature, then every holder's receipt with that holder's own keys. Prints the decoded
 * certificate and "valid"; exits 1 with the failed check on an invalid one.
 *
 * Keys: --keys reads a file of { "<service>": <JWKS> } (offline); otherwise they are fetched from the
 * running services: those of the local stack (`npm start`, or --stack test; STACK_PORT_OFFSET applies),
 * each overridable with --service <name>=<base url>. --save-keys writes the keys used, for later --keys.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICES } from '@verbatim/contracts';
import { localProofKeys, PROOF_KEYS_ROUTE } from '@verbatim/kit';
import type { JSONWebKeySet } from 'jose';
import { portsOf, type Profile } from '../../../../deploy/local/src/ports.js';
import { CertificateInvalid, verifyCertificate } from '../domain/certificate.js';

const USAGE = 'usage: pnpm --silent verify-certificate <file> [--keys <keys.json> | --stack dev|test | --service <name>=<url> ...] [--save-keys <keys.json>]';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Paths as the caller typed them, from where they ran pnpm. */
const fromCaller = (path: string) => resolve(process.env['INIT_CWD'] ?? process.cwd(), path);

async function fetchKeys(urls: Record<string, string>): Promise<Record<string, JSONWebKeySet>> {
  const keys: Record<string, JSONWebKeySet> = {};
  for (const [service, base] of Object.entries(urls)) {
    const url = `${base.replace(/\/+$/, '')}${PROOF_KEYS_ROUTE}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((err: Error) => fail(3, `cannot read ${service}'s keys at ${url}: ${err.message}`));
    if (!res.ok) fail(3, `cannot read ${service}'s keys at ${url}: HTTP ${res.status}`);
    keys[service] = (await res.json()) as JSONWebKeySet;
  }
  return keys;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { keys: { type: 'string' }, stack: { type: 'string', default: 'dev' }, service: { type: 'string', multiple: true, default: [] }, 'save-keys': { type: 'string' } },
    });
  } catch (err) {
    fail(2, `${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) fail(2, USAGE);
  let jws: string;
  try {
    jws = readFileSync(fromCaller(positionals[0]!), 'utf8').trim();
  } catch (err) {
    fail(2, `cannot read ${positionals[0]}: ${(err as Error).message}`);
  }

  let keys: Record<string, JSONWebKeySet>;
  if (values.keys) {
    try {
      keys = JSON.parse(readFileSync(fromCaller(values.keys), 'utf8')) as Record<string, JSONWebKeySet>;
    } catch (err) {
      fail(2, `cannot read the keys file ${values.keys}: ${(err as Error).message}`);
    }
  } else {
    if (values.stack !== 'dev' && values.stack !== 'test') fail(2, `--stack must be dev or test\n${USAGE}`);
    const ports = portsOf(values.stack as Profile);
    const urls: Record<string, string> = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports.services[s]}`]));
    for (const pair of values.service) {
      const [name, url] = pair.split(/=(.*)/s);
      if (!name || !url || !(SERVICES as readonly string[]).includes(name)) fail(2, `--service must be <name>=<base url> with a name among ${SERVICES.join(', ')}`);
      urls[name] = url;
    }
    keys = await fetchKeys(urls);
  }
  if (values['save-keys']) writeFileSync(fromCaller(values['save-keys']), `${JSON.stringify(keys, null, 2)}\n`);

  const keysOf = (service: string) => {
    const jwks = keys[service];
    if (!jwks || !Array.isArray(jwks.keys)) throw new CertificateInvalid(`no published keys of ${service}`);
    return localProofKeys(jwks);
  };
  try {
    const verified = await verifyCertificate(jws, keysOf);
    process.stdout.write(`${JSON.stringify(verified, null, 2)}\nvalid\n`);
  } catch (err) {
    if (err instanceof CertificateInvalid) fail(1, `invalid: ${err.message}`);
    throw err;
  }
}

main().catch((err: unknown) => fail(1, `invalid: ${(err as Error).message}`));
