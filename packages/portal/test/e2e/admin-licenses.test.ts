// The customer page of the admin console in Chromium, as sales and support staff use it on the demo
// clinic: move the Basic license to Plus after seeing the price difference and the seats it adds,
// issue a license and cancel it, answer an air-gapped computer's activation request made by the
// SDK (and import the answer back with the SDK), re-issue the registration details by email, and
// see who uses the client portal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LeaseholdClient, type RawComponents } from '@leasehold/sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

const BASIC = 'Patient Engagement License (Basic)';
const PLUS = 'Patient Engagement License (Plus)';
const DESKTOP = 'Clinic Desktop licence';

describe('admin console: a customer\'s licenses', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasehold-airgapped-'));
  const licenses = () => page.getByRole('region', { name: 'Licenses' });
  const history = () => page.getByRole('region', { name: 'History' });

  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('staff sign in and open the demo clinic', async () => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email address').fill(server.demo.staff.email);
    await page.getByLabel('Password').fill(server.demo.staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByLabel('Number, name, email or computer name').fill('maple grove');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('link', { name: server.demo.customer.name }).click();
    await page.getByRole('heading', { name: server.demo.customer.name, level: 1 }).waitFor();
    await licenses().getByRole('row', { name: new RegExp(`${BASIC.replace(/[()]/g, '\\$&')}.*\\$49\\.00/month`) }).waitFor();
    await page.getByRole('region', { name: 'Client portal users' }).getByText('Nobody at this customer uses the client portal yet.').waitFor();
    await screenshots(page, 'admin-licenses-01-customer');
  });

  test('a catalogue price rise leaves the price the Basic license is billed at', async () => {
    const admin = { authorization: `Bearer ${server.demo.adminApiKey}`, 'content-type': 'application/json' };
    const raised = await fetch(`${server.url}/v1/admin/plans/engagement-basic`, { method: 'PATCH', headers: admin, body: JSON.stringify({ priceCents: 5900 }) });
    assert.equal(raised.status, 200);
    await page.reload();
    await licenses().getByRole('row', { name: new RegExp(`${BASIC.replace(/[()]/g, '\\$&')}.*\\$49\\.00/month`) }).waitFor();
  });

  test('changes Basic to Plus: sees the price difference and the booking slot first, then the new plan and the history line', async () => {
    await licenses().getByRole('button', { name: new RegExp(`^Change plan… ${BASIC.replace(/[()]/g, '\\$&')}`) }).click();
    const dialog = page.getByRole('dialog', { name: /^Change the plan of Patient Engagement License \(Basic\)/ });
    const preview = dialog.getByRole('region', { name: 'What changes' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /Patient Engagement License \(Basic\) \(\$49\.00\/month\) becomes Patient Engagement License \(Plus\) \(\$79\.00\/month\)/);
    assert.match(await preview.innerText(), /\$265\.00\/month → \$295\.00\/month \(\+\$30\.00\/month\)/);
    assert.match(await preview.innerText(), /Gains 1 Online Booking slot\. \(the customer’s total: 2 → 3, 2 assigned\)/);
    await screenshots(page, 'admin-licenses-02-change-plan-preview');
    await dialog.getByRole('button', { name: `Move to ${PLUS}` }).click();
    await page.getByText(/^License LH-.+… is now Patient Engagement License \(Plus\)\.$/).waitFor();
    assert.equal(await licenses().getByRole('row', { name: new RegExp(BASIC.replace(/[()]/g, '\\$&')) }).count(), 0, 'no Basic license is left');
    assert.equal(await licenses().getByRole('row', { name: new RegExp(PLUS.replace(/[()]/g, '\\$&')) }).count(), 3);
    // Who did it: the kind of actor in words, and the staff member's name.
    await history().getByRole('row', { name: /license\.plan_changed — engagement-basic → engagement-plus.*Staff.*Demo Owner/ }).waitFor();
    await screenshots(page, 'admin-licenses-03-plan-changed');
  });

  test('issues a desktop license after seeing its price, then cancels it, told what it takes away', async () => {
    await licenses().getByRole('button', { name: 'Issue a license…' }).click();
    const issue = page.getByRole('dialog', { name: 'Issue a license' });
    await issue.getByRole('radio', { name: new RegExp(DESKTOP) }).check();
    await issue.getByText(`The customer pays $29.00/month for this ${DESKTOP}.`).waitFor();
    await screenshots(page, 'admin-licenses-04-issue');
    await issue.getByRole('button', { name: 'Issue the license' }).click();
    const key = (await issue.locator('code').innerText()).trim();
    assert.match(key, /^LH-/);
    await screenshots(page, 'admin-licenses-05-issued');
    await issue.getByRole('button', { name: 'Close' }).last().click();
    const prefixes = (await licenses().locator('tbody code').allInnerTexts()).map((text) => text.replace('…', ''));
    const prefix = prefixes.find((p) => key.startsWith(p))!;
    assert.ok(prefix, `the new license is listed by the start of its key: ${prefixes.join(', ')}`);
    const row = licenses().getByRole('row', { name: new RegExp(`${DESKTOP} ${prefix}`) });
    await row.waitFor();

    await row.getByRole('button', { name: `Cancel license… ${DESKTOP} ${prefix}` }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel ${DESKTOP} (${prefix}…)` });
    await cancel.getByText('No seat is in use on this license.').waitFor();
    await cancel.getByText('The customer stops paying $29.00/month for it.').waitFor();
    await cancel.getByRole('button', { name: 'Cancel the license' }).click();
    await cancel.getByText('Say briefly why').waitFor();
    await cancel.getByLabel('Reason (kept in the customer’s history)').fill('Issued to the wrong clinic');
    await screenshots(page, 'admin-licenses-06-cancel');
    await cancel.getByRole('button', { name: 'Cancel the license' }).click();
    await page.getByText(`License ${prefix}… is cancelled.`).waitFor();
    await row.getByText('Cancelled').waitFor();
    await history().getByRole('row', { name: /license\.cancelled — Issued to the wrong clinic/ }).waitFor();
  });

  test('answers an air-gapped computer\'s request made by the SDK; the SDK imports the answer', async () => {
    const admin = { authorization: `Bearer ${server.demo.adminApiKey}` };
    const products = await (await fetch(`${server.url}/v1/admin/products`, { headers: admin })).json();
    const salt = products.items.find((p: { code: string }) => p.code === server.demo.desktopProduct).fingerprintSalt;
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const components: RawComponents = {
      machine_id: 'lab-machine-0001', system_uuid: 'lab-uuid-0001', board_serial: 'lab-board-0001', disk_serial: 'lab-disk-0001',
      cpu: 'lab-cpu-0001', mac: 'lab-mac-0001', os_install_id: 'lab-install-0001',
    };
    const client = new LeaseholdClient({
      product: server.demo.desktopProduct, appVersion: '5.2.0', dataDir, fingerprintSalt: salt, trustedKeys: jwks,
      hostName: 'LAB-AIRGAPPED', platform: 'win32 10.0.22631', collectComponents: async () => ({ ...components }),
    });
    const request = await client.createOfflineRequest();

    await page.getByRole('region', { name: 'Computers' }).getByRole('button', { name: 'Answer an offline activation request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Answer an air-gapped activation request' });
    await dialog.getByLabel('Request file', { exact: true }).setInputFiles({ name: 'lab.request.json', mimeType: 'application/json', buffer: Buffer.from(request) });
    await dialog.getByText('Read lab.request.json').waitFor();
    await screenshots(page, 'admin-licenses-07a-offline-request');
    await dialog.getByRole('button', { name: 'Create the response file' }).click();
    const link = dialog.getByRole('link', { name: 'Download leasehold-response-LAB-AIRGAPPED.json' });
    await link.waitFor();
    await screenshots(page, 'admin-licenses-07b-offline-answer');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const response = fs.readFileSync((await download.path())!, 'utf8');
    assert.equal(await dialog.getByLabel('Content of the response file (to copy into an email)').inputValue(), response, 'the dialog shows what it gives to download');
    const status = await client.importOfflineResponse(response);
    assert.equal(status.status, 'licensed', JSON.stringify(status));

    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('region', { name: 'Computers' }).getByRole('rowheader', { name: /LAB-AIRGAPPED/ }).waitFor();
    const created = await server.deps.database.db.selectFrom('events').select(['actor_type']).where('type', '=', 'activation.created').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(created.actor_type, 'staff');

    // A response file pasted by mistake is refused with what to paste instead.
    await page.getByRole('region', { name: 'Computers' }).getByRole('button', { name: 'Answer an offline activation request…' }).click();
    await dialog.getByLabel('Or paste the content of the request file').fill('{"type":"leasehold-offline-response","version":1,"response":"x.y.z"}');
    await dialog.getByRole('button', { name: 'Create the response file' }).click();
    await dialog.getByText('This is not an activation request file.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('re-issues the registration details with the email to the contact, and lists the portal users', async () => {
    await page.getByRole('button', { name: 'Re-issue registration details…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-issue the registration details' });
    const checkbox = dialog.getByRole('checkbox', { name: 'Email the new details to office@maplegrove-clinic.example' });
    assert.equal(await checkbox.isChecked(), true);
    await dialog.getByRole('button', { name: 'Re-issue' }).click();
    await dialog.getByText(/Also queued to office@maplegrove-clinic\.example/).waitFor();
    const key = (await dialog.locator('code').nth(1).innerText()).trim();
    await screenshots(page, 'admin-licenses-08-reissued');
    const mail = await server.lastMail('office@maplegrove-clinic.example', 'registration_details');
    assert.equal(mail.locale, 'en');
    assert.ok(mail.text.includes(key), 'the mail holds the new key');
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    // The clinic's manager registers in the portal with the new details; the console lists them.
    const registered = await fetch(`${server.url}/v1/portal/logon/registration`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerNumber: server.demo.customer.number, registrationKey: key }),
    });
    const { registrationTicket } = await registered.json();
    const account = await fetch(`${server.url}/v1/portal/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ registrationTicket, name: 'Clinic Manager', email: 'manager@maplegrove-clinic.example', password: 'a long enough passphrase', locale: 'en' }),
    });
    const accountBody = await account.text();
    assert.equal(account.status, 201, accountBody);
    const session = { cookie: String(account.headers.get('set-cookie')).split(';')[0], csrfToken: JSON.parse(accountBody).csrfToken as string };
    const invited = await fetch(`${server.url}/v1/portal/invitations`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ email: 'front.desk@maplegrove-clinic.example', role: 'viewer' }),
    });
    assert.equal(invited.status, 201, await invited.text());
    await page.reload();
    const users = page.getByRole('region', { name: 'Client portal users' });
    await users.getByRole('row', { name: /Clinic Manager manager@maplegrove-clinic\.example Owner/ }).waitFor();
    await users.getByRole('row', { name: /Invitation pending front\.desk@maplegrove-clinic\.example Viewer Not accepted yet/ }).waitFor();
    await screenshots(page, 'admin-licenses-09-users');
  });

  test('in French: the features of the pools by their French names; the plan change preview, closed with Escape', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    const pools = page.getByRole('region', { name: 'Licences' }).locator('table').last();
    await pools.getByRole('rowheader', { name: 'Messages aux patients', exact: true }).waitFor();
    await pools.getByRole('rowheader', { name: 'Réservation en ligne', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Licences' }).getByRole('button', { name: /^Changer de forfait… Licence d'engagement des patients \(Plus\)/ }).first().click();
    const dialog = page.getByRole('dialog', { name: /^Changer le forfait de Licence d'engagement des patients \(Plus\)/ });
    const preview = dialog.getByRole('region', { name: 'Ce qui change' });
    await preview.waitFor();
    assert.match(await preview.innerText(), /Perd 1 place Réservation en ligne\./);
    await screenshots(page, 'admin-licenses-10-change-plan-fr');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(pageErrors(page), []);
  });
});
