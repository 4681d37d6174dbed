// Seed 001: the computer's hardware changes beyond tolerance, its check-in is refused; the customer
// resets the license in the portal and the app activates again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { asApp, computerFingerprint, launchBrowser, newPortalPage, pageErrors, registerThroughPortal, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

const desk = { product: '', hostName: 'FRONT-DESK', platform: 'win32 10.0.22631', appVersion: '5.2.0' };

describe('seed 001: the COMPUTER ID changed, reset and activate again', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let activationId: string;
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
    desk.product = server.demo.desktopProduct;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the app activates FRONT-DESK, then its check-in after new hardware is refused, naming the components', async () => {
    const activated = await asApp(server, 'POST', '/v1/activations', { ...desk, fingerprint: computerFingerprint('desk') });
    assert.equal(activated.valid, true, JSON.stringify(activated));
    activationId = activated.activation.id;
    const refused = await asApp(server, 'POST', `/v1/activations/${activationId}/check-in`, { fingerprint: computerFingerprint('desk', ['board_serial', 'disk_serial', 'cpu']) });
    assert.equal(refused.valid, false);
    assert.equal(refused.code, 'FINGERPRINT_MISMATCH');
  });

  test('the portal shows that FRONT-DESK is no longer licensed and why', async () => {
    await registerThroughPortal(page, server, { name: 'Front Desk Lead', email: 'desk@maplegrove-clinic.example', password: 'front desk passphrase' });
    const card = page.getByRole('article').filter({ hasText: 'FRONT-DESK' });
    await card.getByText('FRONT-DESK is no longer licensed').waitFor();
    const refusal = await card.getByRole('alert').innerText();
    for (const part of ['Motherboard', 'Disk', 'Processor']) assert.match(refusal, new RegExp(part));
    await page.getByText('Why would a computer need a reset?').click();
    await page.getByText(/COMPUTER ID calculated from its hardware serial numbers/).waitFor();
    await screenshots(page, '07-computer-id-changed');
  });

  test('RESET LICENSE, then the app activates again on the changed computer', async () => {
    const card = page.getByRole('article').filter({ hasText: 'FRONT-DESK' });
    await card.getByRole('button', { name: 'RESET LICENSE' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('New motherboard after a repair');
    await dialog.getByRole('button', { name: 'Reset the license' }).click();
    await page.getByText('The license is free. Now activate the app').waitFor();
    await page.getByText('Start the app on that computer (it can be FRONT-DESK again, or a new one).').waitFor();

    const again = await asApp(server, 'POST', '/v1/activations', { ...desk, fingerprint: computerFingerprint('desk', ['board_serial', 'disk_serial', 'cpu']) });
    assert.equal(again.valid, true, JSON.stringify(again));
    const old = await asApp(server, 'POST', `/v1/activations/${activationId}/check-in`, { fingerprint: computerFingerprint('desk') });
    assert.equal(old.valid, false, 'the reset activation stays released');

    await page.reload();
    const card2 = page.getByRole('article').filter({ hasText: 'FRONT-DESK' });
    await card2.getByText('In use').waitFor();
    assert.equal(await card2.getByText('is no longer licensed').count(), 0, 'the new activation is fine');
    await card2.getByText('Reset history (1)').click();
    await card2.getByRole('cell', { name: 'New motherboard after a repair' }).waitFor();
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByText('The license of FRONT-DESK was reset. Reason: New motherboard after a repair').waitFor();
    await page.getByText(/A check-in was refused: hardware changed beyond the allowed limit \(.*Motherboard.*\)/).waitFor();
    await screenshots(page, '08-activity');
    assert.deepEqual(pageErrors(page), []);
  });
});
