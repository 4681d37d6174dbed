// The portal with the keyboard alone: log on with account details, register, reach a license's
// RESET LICENSE, open its dialog and close it again, without a mouse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, startPortalServer, type PortalServer } from './portal-harness.ts';

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has the focus; fails if it is not reachable within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press('Tab');
  }
  assert.fail(`not reachable with Tab: ${target}`);
}

describe('keyboard only', { concurrency: false }, () => {
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

  test('log on with account details and register an account without a mouse', async () => {
    await page.goto(`${server.url}/portal/`);
    const details = page.getByRole('region', { name: 'Log on with account details' });
    await tabTo(page, details.getByLabel('Customer number'));
    await page.keyboard.type(server.demo.customer.number);
    await tabTo(page, details.getByLabel('Registration key'));
    await page.keyboard.type(server.demo.customer.registrationKey);
    await page.keyboard.press('Enter');

    await tabTo(page, page.getByLabel('Your name'));
    await page.keyboard.type('Front Desk');
    await tabTo(page, page.getByLabel('Email address'));
    await page.keyboard.type('frontdesk@maplegrove-clinic.example');
    await tabTo(page, page.getByLabel('Choose a password'));
    await page.keyboard.type('a long keyboard passphrase');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your licenses', level: 1 }).waitFor();
  });

  test('RESET LICENSE opens its dialog from the keyboard, the dialog takes the focus, and Escape gives it back', async () => {
    const reset = page.getByRole('button', { name: 'RESET LICENSE' }).first();
    await tabTo(page, reset);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((element) => element.contains(document.activeElement)), true, 'the focus moved into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await isFocused(reset), true, 'the focus is back on RESET LICENSE');
    assert.deepEqual(pageErrors(page), []);
  });
});
