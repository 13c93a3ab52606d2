import { describe, expect, test } from '@jest/globals';
import { HOLDERS, loadDataMap } from '@verbatim/contracts';
import { missingCoverage, type RightsCoverage } from '@verbatim/kit';
import { anonymizerRightsCoverage } from '../services/anonymizer/src/domain/rights.js';
import { consentRightsCoverage } from '../services/consent/src/domain/rights.js';
import { identityRightsCoverage } from '../services/identity/src/domain/rights.js';
import { ingestionRightsCoverage } from '../services/ingestion/src/domain/rights.js';
import { reportingRightsCoverage } from '../services/reporting/src/domain/rights.js';
import { rightsRecordsCoverage } from '../services/rights/src/domain/access-answer.js';

/** What each service's strategies declare they handle, beside the strategies themselves. */
const COVERAGE: Record<string, RightsCoverage> = {
  identity: identityRightsCoverage,
  ingestion: ingestionRightsCoverage,
  anonymizer: anonymizerRightsCoverage,
  reporting: reportingRightsCoverage,
  consent: consentRightsCoverage,
  rights: rightsRecordsCoverage,
};

describe('every personal field of the data map is handled by its holder', () => {
  test('every holder of the contracts, and every service the data map names, declares its coverage', () => {
    const holders = new Set([...HOLDERS, ...loadDataMap().fields.map((f) => f.holder)]);
    expect([...holders].filter((h) => !COVERAGE[h])).toEqual([]);
  });

  test.each(Object.keys(COVERAGE))('%s handles access, rectification and erasure of every field it holds', (service) => {
    expect(missingCoverage(service, COVERAGE[service]!)).toEqual([]);
  });

  test('a field added to the data map without handling is reported, per right', () => {
    const map = loadDataMap();
    const added = { ...map.fields.find((f) => f.key === 'identity.users.firstName')!, key: 'identity.users.nickname', path: 'nickname', exposedAs: ['User.nickname'] };
    expect(missingCoverage('identity', identityRightsCoverage, { ...map, fields: [...map.fields, added] })).toEqual([
      'ACCESS identity.users.nickname',
      'RECTIFICATION identity.users.nickname',
      'ERASURE identity.users.nickname',
    ]);
  });
});
