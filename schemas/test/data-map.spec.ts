import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { dataMapJson, generateDataMap } from '../data-map.js';
import { dataMapFile, loadDataMap, SERVICES } from '../src/index.js';

describe('the data map', () => {
  test('the committed data-map.json is what the declarations generate (run `pnpm data-map:generate` after editing one)', () => {
    expect(readFileSync(dataMapFile, 'utf8')).toBe(dataMapJson());
  });

  test('every field is keyed by its holder and stored location, and each exposed field appears once', () => {
    const { fields } = generateDataMap();
    expect(fields.map((f) => f.key)).toEqual(fields.map((f) => `${f.holder}.${f.collection}.${f.path}`));
    expect(new Set(fields.map((f) => f.key)).size).toBe(fields.length);
    const exposed = fields.flatMap((f) => f.exposedAs.map((e) => `${f.holder}:${e}`));
    expect(new Set(exposed).size).toBe(exposed.length);
  });

  test('every service that holds personal data declares some, and values come from the policy vocabulary', () => {
    const { fields, policy } = loadDataMap();
    expect(SERVICES.filter((s) => !fields.some((f) => f.holder === s))).toEqual([]);
    for (const f of fields) {
      expect(Object.keys(policy.categories)).toContain(f.category);
      expect(Object.keys(policy.legalBases)).toContain(f.legalBasis);
      expect(Object.keys(policy.retentions)).toContain(f.retention);
    }
  });

  test('a user first name is exposed in four places and stored once', () => {
    const firstName = loadDataMap().fields.find((f) => f.key === 'identity.users.firstName');
    expect(firstName?.exposedAs).toEqual(['User.firstName', 'WorkspaceMember.firstName', 'AssistanceThread.userFirstName', 'SharedInterest.sharedBy']);
    expect(firstName?.subjects).toEqual(['USER']);
  });
});
