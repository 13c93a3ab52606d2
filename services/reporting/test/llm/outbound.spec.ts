import { describe, expect, test } from '@jest/globals';
import { profileResponses } from '../../src/analysis/profile.js';
import { createPersonalDataGuard } from '../../src/llm/guard.js';
import { prepareOutbound } from '../../src/llm/outbound.js';
import { SEEDED_PERSONAL_DATA } from '../fixtures/verbatims.js';

const guard = createPersonalDataGuard();

describe('the outbound guard pass', () => {
  test('a clean response goes out as it is, whitespace collapsed; an empty one not at all', () => {
    const profiles = profileResponses([
      { id: 'a', text: 'La livraison   est arrivée en retard.' },
      { id: 'b', text: '   ' },
    ]);
    const { outbound, notes } = prepareOutbound(profiles, guard);
    expect(outbound.map((o) => [o.profile.id, o.text])).toEqual([['a', 'La livraison est arrivée en retard.']]);
    expect(notes).toEqual([]);
  });

  test('a response still carrying personal data goes out redacted, and a note says so without the value', () => {
    const profiles = profileResponses([
      { id: 'a', text: 'Write to me at camille.durand@example.fr about the late parcel.' },
      { id: 'b', text: 'Support was quick and kind.' },
    ]);
    const { outbound, notes } = prepareOutbound(profiles, guard);
    expect(outbound.map((o) => o.profile.id)).toEqual(['a', 'b']);
    for (const value of SEEDED_PERSONAL_DATA) expect(outbound[0]!.text).not.toContain(value);
    expect(() => guard.assertClean(outbound[0]!.text)).not.toThrow();
    expect(notes).toEqual(['1 response still carried personal data and was redacted before being sent to the LLM.']);
  });

  test('a response that stays unclean after redaction is withheld, and counted in a note', () => {
    // An engine that redacts nothing: what it finds, it finds again.
    const stubborn = createPersonalDataGuard({
      analyze: (text) => ({ findings: text.includes('secret') ? [{ type: 'EMAIL', start: 0, end: 6, score: 1 }] : [] }),
      anonymize: (text) => ({ text }),
    });
    const { outbound, notes } = prepareOutbound(profileResponses([{ id: 'a', text: 'secret one' }, { id: 'b', text: 'fine' }]), stubborn);
    expect(outbound.map((o) => o.profile.id)).toEqual(['b']);
    expect(notes).toEqual(['1 response could not be cleaned of personal data and was not sent to the LLM.']);
  });
});
