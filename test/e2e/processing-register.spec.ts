import { describe, expect, test } from '@jest/globals';
import { loadDataMap, registeredSubprocessors } from '@verbatim/contracts';
import { codesOf, gql, ok } from '../support/graph.js';
import { createStaff } from '../support/staff.js';
import { createTenant } from '../support/tenant.js';

const REGISTER = `query { processingRegister { controller { name dpoContact } generatedFrom activities { purpose activity legalBases subjectCategories dataCategories holders recipients transfers retention securityMeasures } subprocessors { kind name } } }`;

describe('the register of processing and the subprocessor registry, through the gateway', () => {
  test('anyone, without a token, reads every subprocessor with its kind, location and safeguard', async () => {
    const { subprocessorRegistry } = await ok<{ subprocessorRegistry: Array<{ kind: string; name: string; location: string; safeguard: string }> }>(
      `query { subprocessorRegistry { kind name location safeguard } }`,
    );
    expect(subprocessorRegistry.map((s) => s.name).sort()).toEqual(registeredSubprocessors().map((s) => s.name).sort());
    expect(new Set(subprocessorRegistry.map((s) => s.kind))).toEqual(new Set(['HOSTING', 'SECURITY', 'EMAIL', 'AI']));
    for (const s of subprocessorRegistry) expect(['EU', 'ADEQUACY', 'SCC']).toContain(s.safeguard);
  });

  test('the DPO reads the register: one activity per purpose of the data map; a workspace ADMIN and an anonymous caller are refused', async () => {
    const dpo = await createStaff('dpo', ['DPO']);
    const { processingRegister } = await ok<{ processingRegister: { activities: Array<{ purpose: string; holders: string[]; recipients: string[] }>; subprocessors: unknown[] } }>(REGISTER, {}, dpo.token);
    const purposes = [...new Set(loadDataMap().fields.flatMap((f) => f.purposes))].sort();
    expect(processingRegister.activities.map((a) => a.purpose).sort()).toEqual(purposes);
    expect(processingRegister.subprocessors).toHaveLength(registeredSubprocessors().length);
    const admin = await createTenant('register-admin');
    expect(codesOf(await gql(REGISTER, {}, admin.token))).toEqual(['FORBIDDEN']);
    expect(codesOf(await gql(REGISTER))).toEqual(['UNAUTHENTICATED']);
  });
});
