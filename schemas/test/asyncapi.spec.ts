import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { fromFile, Parser } from '@asyncapi/parser';
import { asyncApiFile, generateAsyncApi } from '../asyncapi.js';
import { TOPIC_SPECS } from '../src/index.js';

describe('AsyncAPI 3 document of every topic (schemas/asyncapi.json)', () => {
  test('the committed document is what topics.json generates (run `pnpm asyncapi:generate` after editing it)', () => {
    expect(readFileSync(asyncApiFile, 'utf8')).toBe(generateAsyncApi());
  });

  test('@asyncapi/parser validates it, with the JSON Schemas of schemas/events/ resolved, and every topic and its dead-letter twin is a channel', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), fileURLToPath(asyncApiFile)).parse();
    // Severity 0 is an error; warnings (e.g. style hints) do not make the document invalid.
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');

    const addresses = document!.channels().all().map((c) => c.address());
    for (const topic of TOPIC_SPECS) {
      expect(addresses).toContain(topic.name);
      expect(addresses).toContain(`${topic.name}.dlq`);
      const channel = document!.channels().all().find((c) => c.address() === topic.name)!;
      // A multi-format schema: { schemaFormat, schema }, with every $ref resolved.
      const { schema: payload } = channel.messages().all()[0]!.payload()!.json() as { schema: { allOf: Array<{ required?: string[]; properties?: { payload?: { required?: string[] } } }> } };
      // The envelope and the topic's own payload schema, both read from schemas/events/.
      const topicSchema = JSON.parse(readFileSync(new URL(`../events/${topic.schema}`, import.meta.url), 'utf8')) as { required: string[] };
      expect(payload.allOf[0]!.required).toEqual(expect.arrayContaining(['id', 'source', 'subjectId', 'payload']));
      expect(payload.allOf[1]!.properties!.payload!.required).toEqual(topicSchema.required);
    }
    expect(document!.operations().all().filter((o) => o.action() === 'send')).toHaveLength(TOPIC_SPECS.length);
  });
});
