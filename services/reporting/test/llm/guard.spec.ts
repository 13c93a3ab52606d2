import { describe, expect, test } from '@jest/globals';
import { createPersonalDataGuard } from '../../src/llm/index.js';
import { LEAKY_VERBATIMS, SEEDED_PERSONAL_DATA } from '../fixtures/verbatims.js';

const guard = createPersonalDataGuard();

describe('the personal-data guard', () => {
  test.each(LEAKY_VERBATIMS.map((v) => [v.id, v.text]))('refuses %s, naming the kind of data but never the value', (_id, text) => {
    let caught: unknown;
    try {
      guard.assertClean(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'PERSONAL_DATA_IN_PROMPT' });
    const message = (caught as Error).message;
    for (const value of SEEDED_PERSONAL_DATA) expect(message).not.toContain(value);
    expect(message).toMatch(/EMAIL|PHONE|IBAN/);
  });

  test.each(LEAKY_VERBATIMS.map((v) => [v.id, v.text]))('redacts %s into clean text', (_id, text) => {
    const redacted = guard.redact(text);
    for (const value of SEEDED_PERSONAL_DATA) expect(redacted).not.toContain(value);
    expect(() => guard.assertClean(redacted)).not.toThrow();
  });

  test('treats anonymizer placeholders as clean and keeps them as they are', () => {
    const text = '<PERSON_1> du service client a été super, réponse par <EMAIL> au <PHONE>.';
    expect(() => guard.assertClean(text)).not.toThrow();
    expect(guard.redact(text)).toBe(text);
  });

  test('redacts around placeholders without renumbering them', () => {
    const redacted = guard.redact('<PERSON_1> wrote from john.smith@example.com');
    expect(redacted.startsWith('<PERSON_1> wrote from <')).toBe(true);
    expect(redacted).not.toContain('john.smith');
  });
});
