import { describe, expect, test } from '@jest/globals';
import { createTokenBudget, plannedTokens } from '../../src/llm/budget.js';
import { chunkResponses } from '../../src/llm/chunking.js';

describe('the token budget', () => {
  const texts = Array.from({ length: 60 }, (_, i) => `response number ${i} about late deliveries and support`);

  test('plans each chunk with its full completion allowance, and a merge only for more than one chunk', () => {
    const one = chunkResponses(texts.slice(0, 5), 2500);
    const several = chunkResponses(texts, 200);
    expect(one).toHaveLength(1);
    expect(several.length).toBeGreaterThan(1);
    const allowance = 4000;
    expect(plannedTokens(one, allowance)).toBeGreaterThan(allowance);
    expect(plannedTokens(one, allowance)).toBeLessThan(2 * allowance);
    // Several chunks: one allowance per chunk plus one for the merge.
    expect(plannedTokens(several, allowance)).toBeGreaterThan((several.length + 1) * allowance);
    expect(plannedTokens([], allowance)).toBe(0);
  });

  test('refuses a report whose plan is over the budget before any request', () => {
    expect(() => createTokenBudget(1000, 1001)).toThrow(expect.objectContaining({ code: 'LLM_TOKEN_BUDGET_EXCEEDED', message: expect.stringMatching(/about 1001 tokens, over the budget of 1000/) }));
    expect(createTokenBudget(1000, 1000).spent).toBe(0);
  });

  test('charges what is spent and refuses a request that would go over, keeping the last failure as cause', () => {
    const budget = createTokenBudget(1000, 0);
    budget.spend(600);
    budget.spend(100);
    expect(budget.spent).toBe(700);
    expect(() => budget.assertRoomFor(300)).not.toThrow();
    const cause = new Error('timeout');
    let caught: unknown;
    try {
      budget.assertRoomFor(301, cause);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'LLM_TOKEN_BUDGET_EXCEEDED', message: expect.stringMatching(/ran out after 700 tokens/), cause });
  });
});
