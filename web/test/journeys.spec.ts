import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ok } from '../../test/support/graph.js';
import { createStaff } from '../../test/support/staff.js';
import { createTenant } from '../../test/support/tenant.js';
import { mailsTo } from '../../services/kit/src/testing/mailpit.js';
import { capture, launchBrowser, seriousViolations, webUrl } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** No serious or critical axe violation; `screenshot` names the page for the README's screenshots. */
async function expectAccessible(page: Page, screenshot?: string) {
  expect(await seriousViolations(page)).toEqual([]);
  if (screenshot) await capture(page, screenshot);
}

async function signUp(page: Page): Promise<void> {
  await page.goto(`${webUrl()}#/register`);
  await page.getByLabel('First name').fill('Camille');
  await page.getByLabel('Email').fill(`web-${randomUUID()}@example.test`);
  await page.getByLabel('Password (at least 12 characters)').fill('correct horse battery');
  await expectAccessible(page, 'sign-up');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
}

async function createWorkspaceAndDataset(page: Page): Promise<void> {
  await page.getByLabel('Workspace name').fill('Acme support');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'Acme support' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Dataset name').fill('Spring survey');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'Dataset Spring survey' }).waitFor();
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('the web app in a real browser', () => {
  test('a new user signs up, imports a CSV with progress, generates a report with its charts and shares it', async () => {
    const page = await newPage();
    await signUp(page);
    await createWorkspaceAndDataset(page);
    const answers = [
      'The delivery was late and the parcel arrived damaged',
      'Delivery took two weeks; the parcel was late again',
      'Late delivery and nobody told me where the parcel was',
      'Support never called back about my refund',
      'The support team was kind and solved my refund quickly',
      'Support answered fast and the refund came the next day',
      'Great product and the battery lasts for days',
      'The battery of this product is excellent',
    ];
    const csv = ['externalId,text,consentRef', ...answers.map((text, i) => `c-${i},${text},form-1`)].join('\n');
    await page.getByLabel(/^File/).setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-progress').locator('[data-status="COMPLETED"]').waitFor();
    await expect(page.getByTestId('import-progress').textContent()).resolves.toContain(`Imported ${answers.length} rows.`);
    await expectAccessible(page, 'dataset-import');
    // Anonymization runs behind the broker; the page follows it and enables the button when it is done.
    await page.getByTestId('analyzable-count').filter({ hasText: String(answers.length) }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Generate a report' }).click();
    await page.getByTestId('theme-shares').waitFor();
    expect(await page.getByTestId('theme-shares').locator('rect').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'report');
    await page.getByLabel('Note for the members (optional)').fill('For the Monday review');
    await page.getByRole('button', { name: 'Share with the workspace' }).click();
    await page.getByTestId('visibility').filter({ hasText: 'Shared with the workspace' }).waitFor();
    await page.context().close();
  }, 120_000);

  test('an ADMIN opens an erasure for a customer and follows it until every holder has acknowledged', async () => {
    const page = await newPage();
    await signUp(page);
    await createWorkspaceAndDataset(page);
    await page.getByLabel('Customer id (yours)').fill('cust-42');
    await page.getByLabel('Answer').fill('Please stop emailing me, my name is Jeanne Martin');
    await page.getByLabel('Consent reference').fill('form-7');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').filter({ hasText: 'Response added.' }).waitFor();
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Data-subject requests' }).click();
    await page.getByLabel('Customer id (yours)').fill('cust-42');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Customer cust-42' }).waitFor();
    await expectAccessible(page, 'data-subject-requests');
    await page.getByRole('button', { name: 'Erase this customer’s data' }).click();
    await page.getByTestId('request-status').and(page.locator('[data-status="COMPLETED"]')).waitFor({ timeout: 60_000 });
    await expect(page.locator('.digest').textContent()).resolves.toMatch(/[0-9a-f]{64}/);
    await expectAccessible(page, 'erasure-followed');
    await page.context().close();
  }, 120_000);

  test('an ADMIN approves a staff member’s request for access, revokes it, and denies the next one', async () => {
    const page = await newPage();
    await signUp(page);
    await page.getByLabel('Workspace name').fill('Acme support');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Acme support' }).waitFor();
    const workspaceId = /#\/workspaces\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const support = await createStaff('support', ['SUPPORT']);
    const ask = (reason: string) =>
      ok(`mutation($input: RequestAccessGrantInput!) { requestAccessGrant(input: $input) { id } }`, { input: { workspaceId, reason, durationMinutes: 120 } }, support.token);
    await ask('Ticket 981: the import of the spring survey stopped at row 12; checking the stored rows.');
    await page.getByRole('link', { name: 'Staff access' }).click();
    await page.getByRole('heading', { name: 'Staff access to this workspace' }).waitFor();
    const card = page.getByTestId('access-grant');
    await card.filter({ hasText: 'Ticket 981' }).and(page.locator('[data-status="PENDING"]')).waitFor();
    await expectAccessible(page, 'staff-access');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.and(page.locator('[data-status="ACTIVE"]')).waitFor();
    await expect(card.textContent()).resolves.toMatch(/ends/);
    await card.getByRole('button', { name: 'Revoke' }).click();
    await card.and(page.locator('[data-status="REVOKED"]')).waitFor();
    await ask('Ticket 982: a customer asks why their answer is missing from the report.');
    await page.reload();
    const next = page.getByTestId('access-grant').filter({ hasText: 'Ticket 982' });
    await next.getByRole('button', { name: 'Deny' }).click();
    await next.and(page.locator('[data-status="DENIED"]')).waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 90_000);
  test('a customer verifies their email on the workspace\'s public page, makes an access request, downloads the answer and withdraws a consent', async () => {
    const admin = await newPage();
    await signUp(admin);
    await createWorkspaceAndDataset(admin);
    const customer = `customer-${randomUUID()}@example.test`;
    await admin.getByLabel('Customer id (yours)').fill('cust-77');
    await admin.getByLabel('Answer').fill('The parcel came on time, thank you');
    await admin.getByLabel('Consent reference').fill('form-3');
    await admin.getByLabel(/^Customer email/).fill(customer);
    await admin.getByRole('button', { name: 'Add' }).click();
    await admin.getByRole('status').filter({ hasText: 'Response added.' }).waitFor();
    await admin.getByRole('link', { name: 'Back' }).click();
    // The ADMIN sees the page to give to their customers.
    const publicLink = (await admin.getByTestId('public-page-link').textContent())!;
    expect(publicLink).toMatch(/#\/privacy\/[0-9a-f-]{36}$/);
    await admin.getByRole('link', { name: 'Data-subject requests' }).click();
    await admin.getByLabel('Customer id (yours)').fill('cust-77');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.getByRole('heading', { name: 'Customer cust-77' }).waitFor();
    await admin.getByLabel('Purpose').selectOption('CONTACT');
    await admin.getByLabel('Collected via').fill('newsletter box');
    await admin.getByLabel('Text shown to the person').fill('Acme may write to you about new products.');
    await admin.getByLabel('Where the proof is kept').fill('crm://forms/3');
    await admin.getByRole('button', { name: 'Record a consent' }).click();
    await admin.getByRole('button', { name: 'Withdraw Being contacted' }).waitFor();
    await admin.context().close();

    // The customer, in a browser of their own, with no account.
    const page = await newPage();
    await page.goto(publicLink);
    await page.getByRole('heading', { name: 'Your data at Acme support' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Your email address', { exact: true }).fill(customer);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('heading', { name: 'Enter the code' }).waitFor();
    await expectAccessible(page);
    const [mail] = await mailsTo(customer);
    const code = /\b(\d{6})\b/.exec(mail!.Text)![1]!;
    await page.getByLabel('Code from the mail (6 digits)', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Make a request' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Right', { exact: true }).selectOption('ACCESS');
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.getByTestId('request-status').and(page.locator('[data-status="COMPLETED"]')).waitFor({ timeout: 60_000 });
    await expectAccessible(page, 'respondent-privacy-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my answer' }).click()]);
    const answer = JSON.parse(await streamText(await download.createReadStream()));
    expect(JSON.stringify(answer.sections)).toContain(customer);
    await page.getByRole('button', { name: 'Withdraw Being contacted' }).click();
    await page.getByTestId('consent-CONTACT').filter({ hasText: 'Withdrawn' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  }, 150_000);

  test('the session outlives a reload through its refresh cookie, keeps no token in page storage, and signing out ends it', async () => {
    const page = await newPage();
    await signUp(page);
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === '__Host-vb_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    // Nothing a script on the page could steal and replay outlives the page.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toMatch(/eyJ/);
    await page.reload();
    await page.getByRole('heading', { name: 'Your workspaces' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await page.context().cookies()).find((c) => c.name === '__Host-vb_refresh')).toBeUndefined();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The refresh token revoked at sign-out no longer opens a session, even replayed from outside the browser.
    const replay = await fetch(new URL('/session/refresh', webUrl()), {
      method: 'POST',
      headers: { cookie: `__Host-vb_refresh=${refresh!.value}; __Host-vb_csrf=c`, 'x-csrf-token': 'c' },
    });
    expect(replay.status).toBe(401);
    await page.context().close();
  }, 90_000);

  test('the language switch shows the app in French and remembers the choice', async () => {
    const page = await newPage();
    await page.goto(`${webUrl()}#/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: /Français/ }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await expectAccessible(page, 'sign-in-fr');
    await page.context().close();
  }, 60_000);

  test('a user asks support a question about their workspace, then shares an interest that the workspace page shows', async () => {
    const page = await newPage();
    await signUp(page);
    await page.getByLabel('Workspace name').fill('Acme research');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Acme research' }).waitFor();

    await page.getByRole('link', { name: 'Assistance' }).click();
    await page.getByRole('heading', { name: 'Assistance', level: 1 }).waitFor();
    await page.getByLabel('Subject').fill('Import encoding');
    await page.getByLabel('Your question').fill('My file is UTF-16: will the import read it?');
    await page.getByLabel('About a workspace (optional)').selectOption({ label: 'Acme research' });
    await page.getByRole('button', { name: 'Send' }).click();
    const thread = page.getByTestId('assistance-thread').filter({ hasText: 'Import encoding' });
    await thread.getByTestId('thread-status').filter({ hasText: 'Waiting for support' }).waitFor();
    await expect(thread.textContent()).resolves.toContain('Acme research');
    await thread.getByLabel('Your message').fill('It has a BOM, if that matters.');
    await thread.getByRole('button', { name: 'Send' }).click();
    await thread.getByText('It has a BOM, if that matters.').waitFor();
    await expectAccessible(page, 'assistance');
    await thread.getByRole('button', { name: 'Close this thread' }).click();
    await thread.getByTestId('thread-status').filter({ hasText: 'Closed' }).waitFor();

    await page.getByRole('link', { name: 'My interests' }).click();
    await page.getByRole('heading', { name: 'My interests', level: 1 }).waitFor();
    await page.getByLabel('Theme', { exact: true }).fill('pricing');
    await page.getByLabel('Note (optional)').fill('How customers compare our plans');
    await page.getByRole('button', { name: 'Add' }).click();
    const interest = page.getByTestId('interest').filter({ hasText: 'pricing' });
    // Checked once the graph says it is shared (the box follows the stored state, not the click).
    await interest.getByRole('checkbox', { name: 'Acme research' }).click();
    await interest.getByRole('checkbox', { name: 'Acme research', checked: true }).waitFor();
    await expectAccessible(page, 'interests');

    await page.getByRole('link', { name: 'Workspaces' }).click();
    await page.getByRole('link', { name: 'Acme research' }).click();
    await page.getByTestId('shared-interests').getByText('pricing').waitFor();
    await expect(page.getByTestId('shared-interests').textContent()).resolves.toContain('shared by Camille');
    await expectAccessible(page);
    await page.context().close();
  }, 90_000);
  test('an ADMIN creates a partner API client, sees its secret once, revokes it, and reads who read the members in the audit log', async () => {
    const page = await newPage();
    await signUp(page);
    await page.getByLabel('Workspace name').fill('Acme partners');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Acme partners' }).waitFor();

    await page.getByRole('link', { name: 'API clients' }).click();
    await page.getByRole('heading', { name: 'API clients of Acme partners' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('crm-sync');
    await page.getByLabel('datasets:read').check();
    await page.getByLabel('reports:read').check();
    await page.getByRole('button', { name: 'Create' }).click();
    const secret = (await page.getByTestId('client-secret').textContent())!;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const card = page.getByTestId('api-client-crm-sync');
    await expect(card.textContent()).resolves.toContain('datasets:read, reports:read');
    await expectAccessible(page, 'api-clients');
    // The secret is not kept by the page: it is gone after a reload.
    await page.reload();
    await card.waitFor();
    await expect(page.getByTestId('client-secret').count()).resolves.toBe(0);
    await card.getByRole('button', { name: 'Revoke crm-sync' }).click();
    await card.getByTestId('revoked').waitFor();

    // Another registered user joins; the ADMIN's workspace page then reads their first name: an audited read.
    const colleague = await createTenant('Dominique');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByLabel('Their email (they must have an account)').fill(colleague.email);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('list').filter({ hasText: 'Dominique' }).first().waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Acme partners' }).waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log of Acme partners' }).waitFor();
    const log = page.getByTestId('audit-log');
    await log.locator('tr', { hasText: 'WorkspaceMember.firstName' }).first().waitFor();
    await expect(log.textContent()).resolves.not.toContain('Dominique');
    await expectAccessible(page, 'audit-log');
    await page.context().close();
  }, 90_000);
});
