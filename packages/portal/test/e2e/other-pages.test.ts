// The rest of getting in and around: lost registration details, a support request from the log-on
// page, users with an invited viewer who cannot change anything, a later account registered with
// the registration details that can only view, and offline activation by files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { computerFingerprint, launchBrowser, linkIn, newPortalPage, pageErrors, registerThroughPortal, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

describe('recovery, support, users and roles, offline activation', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('"I don\'t know my registration details" answers the same whether or not the clinic is found', async () => {
    const answers: string[] = [];
    for (const who of [
      { name: 'Office manager', business: 'Maple Grove Family Clinic', address: '250 Maple Grove Road, Ottawa K2B 7K2', email: 'office@maplegrove-clinic.example' },
      { name: 'Nobody', business: 'No Such Clinic', address: '1 Nowhere Street, A1A 1A1', email: 'nobody@example.test' },
    ]) {
      await page.goto(`${server.url}/portal/`);
      await page.getByRole('link', { name: 'I don’t know my registration details' }).click();
      await page.getByLabel('Your name').fill(who.name);
      await page.getByLabel('Business name').fill(who.business);
      await page.getByLabel('Address', { exact: true }).fill(who.address);
      await page.getByLabel('Email address', { exact: true }).fill(who.email);
      if (answers.length === 0) await screenshots(page, '15-recover-registration');
      await page.getByRole('button', { name: 'Send my request' }).click();
      answers.push(await page.getByRole('status').filter({ hasText: 'we have your request' }).innerText());
    }
    assert.equal(answers[0], answers[1]);
    const mail = await server.lastMail('office@maplegrove-clinic.example');
    assert.match(mail.text, new RegExp(server.demo.customer.number));
    await page.goto(linkIn(mail.text));
    await page.getByRole('button', { name: 'Show my registration details' }).click();
    await page.getByText('they are shown only once').waitFor();
    await screenshots(page, '16-reissue');
    // The old key no longer works: the rest of this file logs on with the new one, as the clinic would.
    server.demo.customer.registrationKey = await page.locator('dl.details dd code').nth(1).innerText();
  });

  test('a support request from the log-on page, without an account', async () => {
    await page.goto(`${server.url}/portal/`);
    await page.getByRole('link', { name: 'Send a request' }).click();
    await page.getByRole('button', { name: 'Send the request' }).click();
    assert.equal(await page.getByText('Please fill this in.').count(), 4);
    await page.getByLabel('Your name').fill('Reception');
    await page.getByLabel('Email address').fill('reception@maplegrove-clinic.example');
    await page.getByLabel('Subject').fill('Cannot find our registration email');
    await page.getByLabel('Your message').fill('We changed office managers and lost the email.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Your request is sent.').waitFor();
    await screenshots(page, '17-support');
  });

  test('an owner invites a viewer, who sees everything and can change nothing, and is told why', async () => {
    const owner = { name: 'Practice Owner', email: 'owner@maplegrove-clinic.example', password: 'owner passphrase 1' };
    await registerThroughPortal(page, server, owner);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email address').fill('viewer@maplegrove-clinic.example');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent to viewer@maplegrove-clinic.example.').waitFor();
    await screenshots(page, '18-users');
    const first = (await server.lastMail('viewer@maplegrove-clinic.example')).text;
    await page.getByRole('button', { name: 'Send the invitation to viewer@maplegrove-clinic.example again' }).click();
    await page.getByText('A new invitation went to viewer@maplegrove-clinic.example; the link of the earlier one no longer works.').waitFor();
    assert.notEqual((await server.lastMail('viewer@maplegrove-clinic.example')).text, first, 'a new mail with a new link');
    await screenshots(page, '18b-users-sent-again');

    const { page: viewer } = await newPortalPage(browser);
    await viewer.goto(linkIn((await server.lastMail('viewer@maplegrove-clinic.example')).text));
    await viewer.getByLabel('Your name').fill('Part-time Bookkeeper');
    await viewer.getByLabel('Choose a password').fill('viewer passphrase 1');
    await viewer.getByRole('button', { name: 'Accept the invitation' }).click();
    await viewer.getByText('You can view this account but not change it.').waitFor();
    const reset = viewer.getByRole('button', { name: 'RESET LICENSE' }).first();
    assert.ok(await reset.isDisabled());
    assert.match(await viewer.locator(`#${await reset.getAttribute('aria-describedby')}`).innerText(), /Your role is Viewer/);
    await viewer.getByRole('link', { name: 'License management' }).first().click();
    assert.ok(await viewer.getByRole('button', { name: 'Add a license' }).isDisabled());
    assert.ok(await viewer.getByRole('button', { name: /Remove Main clinic/ }).first().isDisabled());
    await screenshots(viewer, '19-viewer-management');
  });

  test('someone else with the registration details registers: told first that the account views only, lands read only, and the owner is mailed', async () => {
    const { page: desk } = await newPortalPage(browser);
    await desk.goto(`${server.url}/portal/`);
    const details = desk.getByRole('region', { name: 'Log on with account details' });
    await details.getByLabel('Customer number').fill(server.demo.customer.number);
    await details.getByLabel('Registration key').fill(server.demo.customer.registrationKey);
    await details.getByRole('button', { name: 'Log on' }).click();
    const note = desk.getByRole('status').filter({ hasText: 'This account will be able to view only.' });
    await note.waitFor();
    assert.match(await note.innerText(), /An owner of Maple Grove Family Clinic can give it more rights on the Users page/);
    assert.match(await note.innerText(), /already has 2 registered accounts\. If one is yours, log on with its email instead\./);
    await screenshots(desk, '18c-register-view-only');
    await desk.getByLabel('Your name').fill('Reception Desk');
    await desk.getByLabel('Email address').fill('reception@maplegrove-clinic.example');
    await desk.getByLabel('Choose a password').fill('reception passphrase 1');
    await desk.getByRole('button', { name: 'Register and continue' }).click();
    await desk.getByRole('heading', { name: 'Your licenses', level: 1 }).waitFor();
    await desk.getByText(/Your account can view only: the owners of Maple Grove Family Clinic got an email/).waitFor();
    assert.ok(await desk.getByText('You can view this account but not change it.').isVisible());
    assert.ok(await desk.getByRole('button', { name: 'RESET LICENSE' }).first().isDisabled());
    await screenshots(desk, '18d-registered-viewer');
    const mail = await server.lastMail('owner@maplegrove-clinic.example', 'viewer_registered');
    assert.equal(mail.subject, 'Reception Desk registered in the Maple Grove Family Clinic client portal, as a viewer');
    assert.match(mail.text, /reception@maplegrove-clinic\.example/);
    assert.deepEqual(pageErrors(desk), []);
  });

  test('offline activation: upload the app\'s request file, download the signed response file', async () => {
    await page.getByRole('link', { name: 'Offline activation' }).click();
    const request = {
      type: 'leasehold-offline-request', version: 1, nonce: 'nonce-0123456789abcdef', createdAt: new Date().toISOString(),
      product: server.demo.desktopProduct, hostName: 'LAB-PC', platform: 'win32 10.0.22631', appVersion: '5.2.0', fingerprint: computerFingerprint('lab'),
    };
    await page.getByLabel('Choose the request file:').setInputFiles({ name: 'lab-pc.request.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(request)) });
    await page.getByRole('button', { name: 'Create the response file' }).click();
    const link = page.getByRole('link', { name: /Download leasehold-response-LAB-PC\.json/ });
    await link.waitFor();
    await screenshots(page, '28-offline');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const content = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    assert.equal(content.type, 'leasehold-offline-response');
    assert.deepEqual(pageErrors(page), []);
  });
});
