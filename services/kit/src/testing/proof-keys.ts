import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newServiceKey, PROOF_KEYS_ROUTE, signerFromKeys, type ServiceSigner } from '../signing/service-signer.js';

/** A signer with a fresh key of its own, in memory: plays another service's signing in tests. */
export async function newTestSigner(service: string): Promise<ServiceSigner> {
  return signerFromKeys(service, [await newServiceKey()]);
}

export interface PublishedKeys {
  /** Base URL per service: its keys are at `${url}${PROOF_KEYS_ROUTE}`, as on a running service. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

/** Serves each signer's public keys over HTTP, the way every running service publishes its own. */
export async function servePublishedKeys(signers: readonly ServiceSigner[]): Promise<PublishedKeys> {
  const byPath = new Map(signers.map((s) => [`/${s.service}${PROOF_KEYS_ROUTE}`, s]));
  const server = createServer((req, res) => {
    const signer = byPath.get(req.url ?? '');
    if (!signer) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/jwk-set+json');
    res.end(JSON.stringify(signer.jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urls: Object.fromEntries(signers.map((s) => [s.service, `http://127.0.0.1:${port}/${s.service}`])),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
