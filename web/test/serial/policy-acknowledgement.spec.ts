import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Browser } from 'playwright-core';
import { ok } from '../../../test/support/graph.js';
import { createStaff } from '../../../test/support/staff.js';
import { capture, launchBrowser, seriousViolations, webUrl } from '../browser.js';

// Serial (npm test runs web/test/serial after every other test, one file at a time): a substantial policy
// version blocks every user of the shared stack until they acknowledge it. afterAll withdraws it again.
let browser: Browser;
const published: number[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  const conn = await mongoose.createConnection(process.env['TEST_MONGO_URL_IDENTITY']!).asPromise();
  try {
    await conn.collection('privacy_policy_versions').deleteMany({ version: { $in: published } });
    await conn.collection('privacy_policy_notices').deleteMany({ version: { $in: published } });
  } finally {
    await conn.close();
  }
});

describe('a changed privacy policy in the browser', () => {
  test('a user signing in after a substantial change reads it and acknowledges it before any other page', async () => {
    const started = Date.now();
    const email = `policy-${randomUUID()}@example.test`;
    const password = 'correct horse battery';
    await ok(`mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`, { input: { firstName: 'Noor', email, password } });
    const dpo = await createStaff('web-dpo', ['DPO']);
    const { publishPrivacyPolicy } = await ok<{ publishPrivacyPolicy: { version: number } }>(
      `mutation($input: PublishPrivacyPolicyInput!) { publishPrivacyPolicy(input: $input) { version } }`,
      {
        input: {
          substantial: true,
          textEn: 'We now use a second AI provider, in the EU, for report generation from anonymized texts.\n\nEverything else is unchanged.',
          textFr: 'Nous utilisons désormais un second fournisseur d’IA, dans l’UE, pour générer les rapports à partir de textes anonymisés.\n\nLe reste est inchangé.',
          summaryEn: 'A new AI subprocessor.',
          summaryFr: 'Un nouveau sous-traitant IA.',
        },
      },
      dpo.token,
    );
    published.push(publishPrivacyPolicy.version);

    const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${webUrl()}#/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Our privacy policy changed' }).waitFor();
    await expect(page.getByTestId('policy-text').textContent()).resolves.toContain('second AI provider');
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'policy-acknowledgement');
    await page.getByRole('button', { name: 'I have read it' }).click();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    // The privacy center now shows the version in force and the whole registry.
    await page.goto(`${webUrl()}#/privacy`);
    await page.getByText(`Version ${publishPrivacyPolicy.version}, published on`).waitFor();
    await page.getByRole('cell', { name: 'Hosting' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await capture(page, 'privacy-center');
    await context.close();
    process.stdout.write(`policy acknowledgement journey: ${Date.now() - started} ms\n`);
  }, 120_000);
});
