// The admin console in the browser: a staff owner turns on two-step sign-in and signs in with a
// code, finds the demo clinic by a computer's name, resets that computer with a reason, answers a
// support request from the portal, and looks at the mail outbox; then the console in French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '@leasehold/server';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

describe('admin console', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let secret = '';
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const recover = async (who: Record<string, string>) => {
    const sent = await fetch(`${server.url}/v1/portal/recover-registration`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
    assert.ok(sent.ok, await sent.text());
  };

  const signIn = async (code?: string) => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email address').fill(server.demo.staff.email);
    await page.getByLabel('Password').fill(server.demo.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (code) {
      await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
      await screenshots(page, 'admin-02-totp');
      await page.getByLabel('Code').fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  };

  test('the owner turns on two-step sign-in, then signs in with a code', async () => {
    await page.goto(`${server.url}/admin/`);
    await screenshots(page, 'admin-01-sign-in');
    await signIn();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    secret = await page.locator('code.totp-secret').innerText();
    await screenshots(page, 'admin-03-totp-enrolment');
    await page.getByLabel('Code').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Two-step sign-in is on').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    // The code of the next 30 seconds: the current one was just used to confirm, and is good once.
    await signIn(totpCode(secret, Date.now() + 30_000));
    await page.locator('.stat-tile').first().waitFor();
    assert.match(await page.locator('.stat-tiles').innerText(), /Active licenses/);
    await screenshots(page, 'admin-04-dashboard');
  });

  test('finds the clinic by a computer\'s name and resets the computer with a reason', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByLabel('Number, name, email or computer name').fill('reception-01');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: server.demo.customer.name }).click();
    await page.getByRole('heading', { name: server.demo.customer.name, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Computers' }).getByText('disk_serial').waitFor();
    await screenshots(page, 'admin-05-customer');
    await page.getByRole('button', { name: 'Reset… RECEPTION-01' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset RECEPTION-01' });
    await dialog.getByRole('button', { name: 'Reset the computer' }).click();
    await dialog.getByText('Say briefly why').waitFor();
    await dialog.getByLabel('Reason (kept in the customer’s history)').fill('New reception computer, asked by phone');
    await screenshots(page, 'admin-06-reset-dialog');
    await dialog.getByRole('button', { name: 'Reset the computer' }).click();
    await page.getByText('RECEPTION-01 is reset.').waitFor();
    const reset = await server.deps.database.db.selectFrom('resets').select(['reason', 'counted', 'actor_type']).executeTakeFirstOrThrow();
    assert.deepEqual({ ...reset, counted: Number(reset.counted) }, { reason: 'New reception computer, asked by phone', counted: 0, actor_type: 'staff' });
  });

  test('answers a support request sent from the portal', async () => {
    const sent = await fetch(`${server.url}/v1/portal/support-requests`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Reception', email: 'reception@clinic.example', subject: 'A second computer at the front desk', message: 'Can we add one more computer?' }),
    });
    assert.equal(sent.status, 201);
    await page.getByRole('link', { name: 'Support queue' }).click();
    const card = page.getByRole('listitem', { name: 'A second computer at the front desk' });
    await card.waitFor();
    await screenshots(page, 'admin-07-support-queue');
    await card.getByRole('button', { name: 'Close the request' }).click();
    await page.getByText('No request here.').waitFor();
    await page.getByRole('button', { name: 'Closed' }).click();
    await page.getByRole('listitem', { name: 'A second computer at the front desk' }).getByText(/Closed /).waitFor();

    // Lost registration details that match no customer wait in the queue too.
    await recover({ name: 'New manager', businessName: 'Unknown Clinic', address: '1 Nowhere Street, A1A 1A1', email: 'manager@unknown-clinic.example' });
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('listitem', { name: 'Registration details requested' }).getByText('Unknown Clinic').waitFor();
    await screenshots(page, 'admin-07b-support-registration-details');
  });

  test('the mail outbox shows each mail as sent, and the console speaks French', async () => {
    // Lost registration details that match the clinic are mailed to its address on file.
    await recover({ name: 'Office manager', businessName: 'Maple Grove Family Clinic', address: '250 Maple Grove Road, Ottawa K2B 7K2', email: 'office@maplegrove-clinic.example' });
    await page.getByRole('link', { name: 'Mail outbox' }).click();
    await page.getByRole('heading', { name: 'Mail outbox', level: 1 }).waitFor();
    const view = page.getByRole('button', { name: /^View: / }).first();
    await view.waitFor();
    await screenshots(page, 'admin-08-mail');
    await view.click();
    const mail = page.getByRole('dialog', { name: 'Mail to office@maplegrove-clinic.example' });
    await mail.getByText(server.demo.customer.number).first().waitFor();
    await screenshots(page, 'admin-09-mail-view');
    await mail.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page.getByText('Licences actives').waitFor();
    await screenshots(page, 'admin-10-dashboard-fr');
    assert.deepEqual(pageErrors(page), []);
  });
});
