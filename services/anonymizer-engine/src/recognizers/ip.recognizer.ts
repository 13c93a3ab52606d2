import { isIPv6 } from 'node:net';
import { patternRecognizer } from '../recognizer.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\p{L}\\p{N}.])${OCTET}(?:\\.${OCTET}){3}(?:\\/\\d{1,2})?(?![\\p{L}\\p{N}]|\\.\\d)`, 'gu');
// Hex groups and colons (an optional dotted IPv4 tail); node:net decides. Bounded repetition.
const IPV6 = /(?<![\p{L}\p{N}:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:|(?:\d{1,3}\.){3}\d{1,3})?(?![\p{L}\p{N}:])/gu;

export const ipv4Recognizer = patternRecognizer({
  name: 'ipv4',
  type: 'IP',
  patterns: [{ regex: IPV4, score: 0.9 }],
  context: { fr: ['ip', 'adresse ip', 'serveur', 'connexion'], en: ['ip', 'address', 'server', 'host'] },
  contextBoost: 0.1,
  // Version numbers and dates read as dotted quads ("1.2.3.4"): keep those with at least one two-digit
  // octet or a context word.
  validate: (match) => (/\d{2}/.test(match) ? 0.9 : 0.45),
});

export const ipv6Recognizer = patternRecognizer({
  name: 'ipv6',
  type: 'IP',
  patterns: [{ regex: IPV6, score: 0.95 }],
  validate: (match) => {
    const addr = match.split('%')[0] ?? match;
    if (!isIPv6(addr)) return false;
    // "12:30:00" is not an address; require two hex groups with something in them and a double colon or 8 groups.
    const groups = addr.split(':').filter((g) => g.length > 0);
    return groups.length >= 2 && (addr.includes('::') || groups.length >= 7) ? 0.95 : false;
  },
});
