import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createTokenVerifier, type Principal } from '@verbatim/kit';
import { mailsTo, startTestService, uniqueName, waitFor, type TestService } from '@verbatim/kit/testing';
import { createIdentity, type Identity } from '../src/app.js';

// Its own identity service and database: a substantial version blocks every user of the database it is
// published in, so this cannot share the e2e stack's identity with tests running beside it.
let identity: TestService<Identity>;
let verifier: ReturnType<typeof createTokenVerifier>;
const deps = () => identity.app.deps;
const run = (query: string, variables: Record<string, unknown> = {}, principal: Principal | null = null) =>
  identity.gql(principal, query, variables) as Promise<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string; details?: { version?: number } } }> }>;

const PASSWORD = 'twelve chars at least';
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id } policyAcknowledgementRequired { version } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken policyAcknowledgementRequired { version substantial textEn } } }`;
const PUBLISH = `mutation($input: PublishPrivacyPolicyInput!) { publishPrivacyPolicy(input: $input) { version substantial publishedAt } }`;
const POLICY = `query { privacyPolicy { current { version textFr } versions { version } } }`;
const ME = `query { me { id } }`;
const text = (lang: string, n: number) => `${lang} privacy policy, version ${n}: what we collect, why, for how long, and your rights.`;

async function registerUser(label: string) {
  const email = `${uniqueName(label)}@client.example`;
  const r = await run(REGISTER, { input: { firstName: label, email, password: PASSWORD } });
  expect(r.errors).toBeUndefined();
  return { id: r.data.register.user.id as string, email, pending: r.data.register.policyAcknowledgementRequired };
}
const login = async (email: string) => (await run(LOGIN, { input: { email, password: PASSWORD } })).data.login;

beforeAll(async () => {
  identity = await startTestService('identity', (base) => createIdentity({ ...base, config: { JWT_ISSUER: 'verbatim-identity', JWT_AUDIENCE: 'verbatim', MAX_QUERY_DEPTH: 12 } }));
  verifier = createTokenVerifier(identity.app.keys, identity.app.deps.keys.settings, identity.denyList);
});
afterAll(async () => {
  await identity?.stop();
});

describe('privacy policy versions, notices and acknowledgement', () => {
  test('a substantial version is mailed to every user through SMTP and blocks their use until they acknowledge it', async () => {
    const dpoUser = await registerUser('dpo');
    await deps().users.setPlatformRole(dpoUser.id, 'DPO', true);
    const dpo = await verifier.verify((await login(dpoUser.email)).accessToken);
    const ana = await registerUser('ana');
    const ben = await registerUser('ben');

    const published = await run(PUBLISH, { input: { textEn: text('English', 1), textFr: text('French', 1), substantial: true, summaryEn: 'First version' } }, dpo);
    expect(published.errors).toBeUndefined();
    const { version } = published.data.publishPrivacyPolicy;

    // Every account of the database got the notice, through the embedded SMTP server (after its verification mail).
    for (const user of [ana, ben, dpoUser]) {
      const notice = (await mailsTo(user.email, 2)).find((m) => m.Text.includes('/#/privacy'));
      expect(notice?.Text).toContain(String(version));
    }
    const delivery = await waitFor(
      async () => {
        const r = await run(`query($v: Int!) { privacyPolicyNotices(version: $v) { users queued sent failed } }`, { v: version }, dpo);
        return r.data?.privacyPolicyNotices.sent === r.data?.privacyPolicyNotices.users ? r.data.privacyPolicyNotices : undefined;
      },
      { what: 'every notice SENT' },
    );
    expect(delivery).toEqual({ users: await deps().users.model.countDocuments(), queued: 0, sent: delivery.users, failed: 0 });

    // Ana's next sign-in says what to acknowledge; until then her token opens nothing but the policy.
    const signedIn = await login(ana.email);
    expect(signedIn.policyAcknowledgementRequired).toMatchObject({ version, substantial: true, textEn: text('English', 1) });
    const waiting = await verifier.verify(signedIn.accessToken);
    expect(waiting.policyVersionToAcknowledge).toBe(version);
    expect((await run(`mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } } }`, { input: { name: 'Blocked' } }, waiting)).errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_ACKNOWLEDGEMENT_REQUIRED', details: { version } });
    expect((await run(POLICY, {}, null)).data.privacyPolicy.current).toEqual({ version, textFr: text('French', 1) });
    expect((await run(ME, {}, waiting)).data.me.id).toBe(ana.id);

    const wrong = await run(`mutation { acknowledgePrivacyPolicy(version: 999) { version } }`, {}, waiting);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ack = await run(`mutation($v: Int!) { acknowledgePrivacyPolicy(version: $v) { version accessToken } }`, { v: version }, waiting);
    expect(ack.errors).toBeUndefined();
    const fresh = await verifier.verify(ack.data.acknowledgePrivacyPolicy.accessToken);
    expect(fresh.policyVersionToAcknowledge).toBeUndefined();
    expect((await run(`mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { workspace { id } } }`, { input: { name: 'Open' } }, fresh)).errors).toBeUndefined();
    expect((await deps().users.findById(ana.id))?.policyAcceptance?.version).toBe(version);
    expect((await login(ana.email)).policyAcknowledgementRequired).toBeNull();

    // Someone who registers now accepts the version in force by registering.
    const cleo = await registerUser('cleo');
    expect(cleo.pending).toBeNull();

    // A non-substantial version mails nobody and blocks nobody.
    const minor = await run(PUBLISH, { input: { textEn: text('English', 2), textFr: text('French', 2), substantial: false } }, dpo);
    expect(minor.data.publishPrivacyPolicy).toMatchObject({ version: version + 1, substantial: false });
    expect((await login(cleo.email)).policyAcknowledgementRequired).toBeNull();
    expect(await deps().policies.noticesOf(version + 1)).toEqual([]);
    expect((await run(POLICY)).data.privacyPolicy.versions.map((v: { version: number }) => v.version)).toEqual([version + 1, version]);
  });

  test('a version without both languages, or by anyone but a DPO, is refused and nothing is stored', async () => {
    const before = (await deps().policies.history()).length;
    const user = await registerUser('eve');
    const principal = await verifier.verify((await login(user.email)).accessToken);
    const asUser = await run(PUBLISH, { input: { textEn: text('English', 9), textFr: text('French', 9), substantial: true } }, principal);
    expect(asUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await deps().users.setPlatformRole(user.id, 'DPO', true);
    const dpo = await verifier.verify((await login(user.email)).accessToken);
    const noFrench = await run(PUBLISH, { input: { textEn: text('English', 9), textFr: ' ', substantial: true } }, dpo);
    expect(noFrench.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noFrench.errors?.[0]?.message).toMatch(/French/);
    expect((await deps().policies.history()).length).toBe(before);
  });
});
