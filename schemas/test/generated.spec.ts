import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { generateContracts, generatedFile } from '../generate.js';
import { HOLDERS, RIGHTS_OPENED, SERVICES, TOPIC_SPECS, TOPICS, envelopeSchemaFile, payloadSchemaFile, sdlFile, SUBGRAPHS } from '../src/index.js';

describe('generated contracts', () => {
  test('the committed src/generated.ts is what the JSON contracts generate (run `pnpm contracts:generate` after editing one)', async () => {
    expect(readFileSync(generatedFile, 'utf8')).toBe(await generateContracts());
  });

  test('the rights holders are the consumers of rights.request-opened.v1, every one a service', () => {
    expect(TOPIC_SPECS.find((t) => t.name === RIGHTS_OPENED)?.consumers).toEqual([...HOLDERS]);
    expect(HOLDERS.filter((h) => !(SERVICES as readonly string[]).includes(h))).toEqual([]);
    expect(HOLDERS).not.toContain('rights');
  });

  test('every exported path names a file that exists and parses', () => {
    expect(TOPICS.map((t) => (JSON.parse(readFileSync(payloadSchemaFile(t), 'utf8')) as { type: string }).type)).toEqual(TOPICS.map(() => 'object'));
    expect((JSON.parse(readFileSync(envelopeSchemaFile, 'utf8')) as { required: string[] }).required).toContain('payload');
    expect(SUBGRAPHS.map((s) => readFileSync(sdlFile(s), 'utf8')).every((sdl) => sdl.includes('@link'))).toBe(true);
  });
});
