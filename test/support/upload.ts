import { request } from 'node:http';
import { gatewayUrl } from './graph.js';

export interface UploadAnswer {
  status: number;
  body: any;
}

/** POSTs a file to a path on the gateway's origin, as a client would send an import. */
export async function upload(path: string, body: string | AsyncIterable<Uint8Array>, token: string): Promise<UploadAnswer> {
  const res = await fetch(new URL(path, gatewayUrl()), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : (body as any),
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  return { status: res.status, body: await res.json() };
}

/** Declares a Content-Length but sends only a few bytes: the answer must come before the body does. */
export function uploadDeclaring(path: string, contentLength: number, token: string): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, gatewayUrl()), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-length': String(contentLength) } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write('externalId,text,consentRef\n');
  });
}
