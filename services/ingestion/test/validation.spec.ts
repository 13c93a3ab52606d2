import { describe, expect, test } from '@jest/globals';
import { addResponsesInput, identifiersByExternalId } from '../src/domain/responses.js';

const datasetId = '6f1c1e8e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const item = { externalId: 'c-1', text: 'Très bon accueil.', consentRef: 'form-2024' };

describe('addResponses input', () => {
  test.each([
    ['an empty batch', { datasetId, responses: [] }, 'responses'],
    ['a batch of 501 responses', { datasetId, responses: Array.from({ length: 501 }, () => item) }, 'responses'],
    ['a malformed email', { datasetId, responses: [{ ...item, email: 'not-an-email' }] }, 'responses.0.email'],
    ['an empty text', { datasetId, responses: [{ ...item, text: '' }] }, 'responses.0.text'],
    ['a blank text', { datasetId, responses: [{ ...item, text: '   ' }] }, 'responses.0.text'],
    ['a text over 20,000 characters', { datasetId, responses: [{ ...item, text: 'a'.repeat(20_001) }] }, 'responses.0.text'],
    ['a missing consent reference', { datasetId, responses: [{ ...item, consentRef: ' ' }] }, 'responses.0.consentRef'],
    ['a submittedAt that is not a date-time', { datasetId, responses: [{ ...item, submittedAt: 'yesterday' }] }, 'responses.0.submittedAt'],
    ['a dataset id that is not an id', { datasetId: 'abc', responses: [item] }, 'datasetId'],
  ])('rejects %s and names the field', (_, input, field) => {
    const result = addResponsesInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  test('accepts 500 responses, lowercases emails and turns absent optional fields into null', () => {
    const result = addResponsesInput.parse({ datasetId, responses: [...Array.from({ length: 499 }, () => item), { ...item, email: ' Jean@Example.COM ', name: null }] });
    expect(result.responses).toHaveLength(500);
    expect(result.responses[499]).toMatchObject({ email: 'jean@example.com', name: null, submittedAt: null });
  });

  test('keeps the first email and name given for a respondent who appears several times in a batch', () => {
    const parsed = addResponsesInput.parse({
      datasetId,
      responses: [
        { ...item, name: 'Jean Dupont' },
        { ...item, email: 'jean@example.com', name: 'J. Dupont' },
        { ...item, externalId: 'c-2' },
      ],
    });
    expect(Object.fromEntries(identifiersByExternalId(parsed.responses))).toEqual({
      'c-1': { email: 'jean@example.com', name: 'Jean Dupont' },
      'c-2': { email: null, name: null },
    });
  });
});
