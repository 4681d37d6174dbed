// Seed 000, step by step in Chromium against the real server: go to the portal, log on with account
// details, register, reset the computer's license, activate the app again with the same details.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, linkIn, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

const OWNER = { name: 'Office Manager', email: 'manager@maplegrove-clinic.example', password: 'maple grove 2026' };

describe('seed 000: getting in and resetting a license, step by step', { concurrency: false }, () => {
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

  test('[1] the client portal page offers both ways to log on, and help', async () => {
    await page.goto(`${server.url}/portal/`);
    await page.getByRole('heading', { name: 'Log on to the client portal' }).waitFor();
    await page.getByRole('heading', { name: 'Log on with account details' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'I don’t know my registration details' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Send a request' }).isVisible(), 'on every page');
    await page.getByText('Where do I find these?').click();
    assert.ok(await page.getByText(/same details the app asks for when you press ACTIVATE ONLINE/).isVisible());
    await screenshots(page, '01-logon');
  });

  test('[2] wrong account details are refused in words; right ones lead to registering', async () => {
    const details = page.getByRole('region', { name: 'Log on with account details' });
    await details.getByLabel('Customer number').fill(server.demo.customer.number);
    await details.getByLabel('Registration key').fill('WRONG-KEY-0000');
    await details.getByRole('button', { name: 'Log on' }).click();
    await details.getByRole('alert').getByText('These details do not match our records').waitFor();
    await details.getByLabel('Registration key').fill(server.demo.customer.registrationKey);
    await details.getByRole('button', { name: 'Log on' }).click();
    await page.getByRole('heading', { name: 'Register your account' }).waitFor();
    assert.match(page.url(), /\/portal\/register$/);
  });

  test('[3] registering the account takes the customer on to their licenses', async () => {
    assert.ok(await page.getByText(`Welcome, ${server.demo.customer.name}`).isVisible());
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email address').fill(OWNER.email);
    await page.getByLabel('Choose a password').fill('short');
    await page.getByRole('button', { name: 'Register and continue' }).click();
    await page.getByText('The password needs at least 10 characters.').waitFor();
    await screenshots(page, '02-register');
    await page.getByLabel('Choose a password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Register and continue' }).click();
    await page.getByRole('heading', { name: 'Your licenses', level: 1 }).waitFor();
    await page.getByText('Your account is registered.').waitFor();
    assert.ok(await page.getByText('Owner').first().isVisible());
  });

  test('[4] the licenses show the computer, its drift history, and RESET LICENSE with the budget and a reason', async () => {
    const card = page.getByRole('article').filter({ hasText: 'RECEPTION-01' });
    await card.waitFor();
    await screenshots(page, '03-licenses');
    for (const text of ['win32 10.0.22631', '5.2.0', 'Works offline until', 'Resets left: 3 of 3 in any 365 days.']) {
      assert.ok(await card.getByText(text, { exact: false }).first().isVisible(), text);
    }
    await card.getByText('Hardware changes (1)').click();
    await card.getByText('changed: Disk.').waitFor();
    const unused = page.getByRole('article').filter({ hasText: 'Ready for a computer.' });
    assert.equal(await unused.count(), 1, 'the second desktop license is unused');
    assert.ok(await page.getByText('You also have 3 patient engagement licenses.').isVisible(), 'the other licenses are pointed to');

    await card.getByRole('button', { name: 'RESET LICENSE' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset the license of RECEPTION-01?' });
    await dialog.waitFor();
    assert.ok(await dialog.getByText('This reset uses one: 2 will be left.').isVisible());
    await dialog.getByRole('button', { name: 'Reset the license' }).click();
    await dialog.getByText('Please say briefly why').waitFor();
    await dialog.getByLabel('Reason').fill('New computer at reception');
    await screenshots(page, '04-reset-dialog');
    await dialog.getByRole('button', { name: 'Reset the license' }).click();
    await page.getByText('The license is free. Now activate the app').waitFor();
    assert.ok(await page.getByText(`customer number ${server.demo.customer.number}`).isVisible());
    assert.ok(await page.getByText('Resets left: 2 of 3').first().isVisible());
    await page.getByText('Reset history (1)').first().click();
    // The history opens on click; wait for it rather than checking in the same instant.
    await page.getByRole('cell', { name: 'New computer at reception' }).waitFor();
    await screenshots(page, '05-after-reset');
  });

  test('[5] the app on the new computer activates online with the same customer details, and the portal shows it', async () => {
    const basic = `Basic ${Buffer.from(`${server.demo.customer.number}:${server.demo.customer.registrationKey}`).toString('base64')}`;
    const response = await fetch(`${server.url}/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({
        product: server.demo.desktopProduct, hostName: 'RECEPTION-02', platform: 'win32 10.0.26100', appVersion: '5.3.0',
        fingerprint: { machine_id: 'new-pc-0001', board_serial: 'new-pc-0002', disk_serial: 'new-pc-0003', cpu: 'new-pc-0004', mac: 'new-pc-0005' },
      }),
    });
    const answer = await response.json() as { valid: boolean; code: string };
    assert.equal(answer.valid, true, JSON.stringify(answer));
    await page.reload();
    await page.getByRole('article').filter({ hasText: 'RECEPTION-02' }).waitFor();
    assert.equal(pageErrors(page).length, 0, pageErrors(page).join('\n'));
  });

  test('afterwards: log out, log on with email and password; a forgotten password is reset by the emailed link', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();
    const emailForm = page.getByRole('region', { name: 'Log on with your email' });
    await emailForm.getByLabel('Email address').fill(OWNER.email);
    await emailForm.getByLabel('Password').fill('not the password');
    await emailForm.getByRole('button', { name: 'Log on' }).click();
    await emailForm.getByRole('alert').waitFor();

    await emailForm.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email address').fill(OWNER.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Check your email').waitFor();
    await screenshots(page, '06-forgot-password');
    const mail = await server.lastMail(OWNER.email);
    await page.goto(linkIn(mail.text));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Choose a password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.getByRole('link', { name: 'Log on with your new password' }).click();
    const again = page.getByRole('region', { name: 'Log on with your email' });
    await again.getByLabel('Email address').fill(OWNER.email);
    await again.getByLabel('Password').fill('a brand new passphrase');
    await again.getByRole('button', { name: 'Log on' }).click();
    await page.getByRole('heading', { name: 'Your licenses', level: 1 }).waitFor();
  });
});
