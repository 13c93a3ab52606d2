import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { composeSupergraph } from '../compose.js';
import { supergraphFile } from '../src/index.js';

describe('supergraph composition', () => {
  const result = composeSupergraph();

  test('the six subgraph SDL files compose without errors', () => {
    expect('errors' in result ? result.errors : []).toEqual([]);
  });

  test('the committed supergraph is what the SDL files compose to (run `pnpm compose` after editing an SDL)', () => {
    if ('errors' in result) throw new Error('composition failed');
    expect(readFileSync(supergraphFile, 'utf8')).toBe(result.supergraphSdl);
  });

  test('entities owned in one subgraph are extended by others, so one query crosses subgraphs', () => {
    if ('errors' in result) throw new Error('composition failed');
    const sdl = result.supergraphSdl;
    expect(sdl).toMatch(/type Dataset\s+@join__type\(graph: ANONYMIZER, key: "id"\)\s+@join__type\(graph: INGESTION, key: "id"\)\s+@join__type\(graph: REPORTING, key: "id"\)/);
    expect(sdl).toMatch(/type User\s+@join__type\(graph: CONSENT, key: "id"\)\s+@join__type\(graph: IDENTITY, key: "id"\)\s+@join__type\(graph: RIGHTS, key: "id"\)/);
  });
});
