import { connect, rootCertificates } from 'node:tls';
import { AppError } from '@verbatim/kit';

/** Stable codes of a destination that cannot receive an archive. */
export const DESTINATION_NOT_HTTPS = 'DESTINATION_NOT_HTTPS';
export const DESTINATION_UNREACHABLE = 'DESTINATION_UNREACHABLE';
export const DESTINATION_REFUSED = 'DESTINATION_REFUSED';

const PREFLIGHT_TIMEOUT_MS = 5_000;

/** The CAs a destination's certificate must chain to: the system's, plus the configured extra ones. */
export const trustedCas = (extra: string | undefined): string[] | undefined => (extra ? [...rootCertificates, extra] : undefined);

/** A destination URL: HTTPS, no credentials in it. Anything else is DESTINATION_NOT_HTTPS, before any request is opened. */
export function parseDestination(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(DESTINATION_NOT_HTTPS, 'destination must be an absolute https:// URL of the receiving controller.');
  }
  if (url.protocol !== 'https:') throw new AppError(DESTINATION_NOT_HTTPS, `destination must use https:// (got ${url.protocol}); the archive is only sent over TLS.`);
  if (url.username || url.password) throw new AppError(DESTINATION_NOT_HTTPS, 'destination must not carry credentials; the receiver verifies the signed request instead.');
  return url;
}

/**
 * Opens a TLS connection to the destination and checks its certificate, so a person naming a host that
 * does not answer, or answers without a valid certificate, learns it now (DESTINATION_UNREACHABLE)
 * instead of after the request was fanned out to every holder.
 */
export function checkReachable(url: URL, trustedCa: string | undefined): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const ca = trustedCas(trustedCa);
    const socket = connect({ host, port: Number(url.port || 443), ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }), ...(ca ? { ca } : {}), timeout: PREFLIGHT_TIMEOUT_MS });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new AppError(DESTINATION_UNREACHABLE, `The destination ${url.origin} could not be reached over a verified TLS connection (${reason}); check the address with the receiving controller.`));
    };
    socket.once('secureConnect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => fail('timed out'));
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'connection failed'));
  });
}
