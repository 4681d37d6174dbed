// Seed 002, every paragraph, in Chromium against the real server, on the demo clinic: totals, the
// allocate prompt, both warning colours with their advice and cost, removing a license by picking a
// row out of each table, adding a license, upgrading Basic to Plus, and removing a row.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, registerThroughPortal, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

describe('seed 002: license management', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  const table = (name: string): Locator => page.getByRole('region', { name, exact: true });
  /** The totals panel as [licenses, assigned, unassigned] per feature. */
  const totals = async () => {
    const rows = page.getByRole('region', { name: 'License totals' }).locator('tbody tr');
    const out: Record<string, number[]> = {};
    for (const row of await rows.all()) {
      const cells = await row.locator('th, td').allInnerTexts();
      out[cells[0]] = cells.slice(1).map(Number);
    }
    return out;
  };
  const monthly = () => page.getByTestId('monthly-total').innerText();
  /**
   * What `read` gives once it equals `expected`, or what it gives after 10 s (the assertion then
   * fails showing it): a confirmation shows before every panel has read the new totals.
   */
  const settled = async <T>(read: () => Promise<T>, expected: T): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const seen = await read();
      if (isDeepStrictEqual(seen, expected) || Date.now() > deadline) return seen;
      await page.waitForTimeout(100);
    }
  };
  /** Every pool's totals are `expected`; with `some`, those of the pools it names. */
  const expectTotals = async (expected: Record<string, number[]>, { some = false } = {}) => {
    const read = async () => (some ? Object.fromEntries(Object.entries(await totals()).filter(([pool]) => pool in expected)) : totals());
    assert.deepEqual(await settled(read, expected), expected);
  };
  const expectMonthly = async (expected: string) => assert.equal(await settled(monthly, expected), expected);

  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page } = await newPortalPage(browser));
    await registerThroughPortal(page, server, { name: 'Clinic Manager', email: 'clinic@maplegrove-clinic.example', password: 'seed two passphrase' });
    await page.getByRole('link', { name: 'License management' }).first().click();
    await page.getByRole('heading', { name: 'License management', level: 1 }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the totals panel, one activation table per feature, and what the customer pays', async () => {
    await table('Patient Messages').waitFor();
    await expectTotals({ 'Online Booking': [2, 2, 0], 'Patient Messages': [3, 2, 1], 'Patient Reminders': [3, 3, 0] });
    await expectMonthly('$265.00');
    const bill = page.getByRole('region', { name: 'What you pay' });
    await bill.getByRole('row', { name: /Patient Engagement License \(Plus\) 2 \$79\.00\/month \$158\.00\/month/ }).waitFor();
    await bill.getByRole('row', { name: /Clinic Desktop licence 2 \$29\.00\/month \$58\.00\/month/ }).waitFor();
    assert.equal(await table('Patient Messages').getByRole('columnheader', { name: 'Provider' }).count(), 1);
    assert.equal(await table('Patient Reminders').getByRole('columnheader', { name: 'EMR schedule' }).count(), 1);
    await screenshots(page, '09-management');
  });

  test('warning icons: red when the integration can no longer reach a schedule, yellow when not synchronised, with advice and cost', async () => {
    const reminders = table('Patient Reminders');
    const red = reminders.locator('tr.row-red', { hasText: 'Lab and bloodwork' });
    await red.getByText('Not reachable').waitFor();
    const redNote = await red.locator('xpath=following-sibling::tr[1]').innerText();
    assert.match(redNote, /no longer reachable by the EMR integration/);
    assert.match(redNote, /If it was deleted from the EMR, remove the licenses that use it so you are no longer billed for it \(\$49\.00\/month\)|\(\$79\.00\/month\)/);
    const yellow = reminders.locator('tr.row-yellow', { hasText: 'Walk-in clinic' });
    await yellow.getByText('Not synchronised').waitFor();
    const yellowNote = await yellow.locator('xpath=following-sibling::tr[1]').innerText();
    assert.match(yellowNote, /reachable but not currently synchronised/);
    assert.match(yellowNote, /check that this schedule’s appointments are selected for synchronisation/);
    assert.equal(await reminders.locator('tr.row-red, tr.row-yellow').count(), 2, 'Main clinic is fine');
    await table('Online Booking').locator('tr.row-red', { hasText: 'Satellite office (closed)' }).getByText('No longer reported').waitFor();
    await page.getByText('4 rows need your attention').waitFor();
  });

  test('"Allocate [x] unassigned" appears exactly under the tables with more licenses than rows, and assigns a reported provider', async () => {
    assert.equal(await table('Patient Messages').getByRole('button', { name: 'Allocate 1 unassigned provider' }).count(), 1);
    assert.equal(await table('Patient Reminders').getByRole('button', { name: /Allocate/ }).count(), 0);
    assert.equal(await table('Online Booking').getByRole('button', { name: /Allocate/ }).count(), 0);
    await table('Patient Messages').getByRole('button', { name: 'Allocate 1 unassigned provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allocate 1 unassigned provider' });
    await dialog.getByText('NP Tremblay (Nurse Practitioner)').waitFor();
    assert.equal(await dialog.getByText('Dr. Lindqvist (Locum)').count(), 0, 'a provider no longer reported is not offered');
    assert.equal(await dialog.getByText('Dr. Ellis (Family Medicine)').count(), 0, 'already in the table');
    await dialog.getByRole('checkbox', { name: /NP Tremblay/ }).check();
    await screenshots(page, '10-allocate-dialog');
    await dialog.getByRole('button', { name: 'Activate 1' }).click();
    await page.getByText('Activated. The totals are updated.').waitFor();
    await table('Patient Messages').getByRole('row', { name: /NP Tremblay/ }).waitFor();
    assert.equal(await table('Patient Messages').getByRole('button', { name: /Allocate/ }).count(), 0);
    await expectTotals({ 'Patient Messages': [3, 3, 0] }, { some: true });
  });

  test('removing a license: Remove on the deleted schedule, then one row out of each of its tables, the cost change before confirming', async () => {
    await table('Online Booking').getByRole('button', { name: 'Remove Satellite office (closed) from Online Booking' }).click();
    const ask = page.getByRole('dialog', { name: 'Remove Satellite office (closed) from Online Booking?' });
    await ask.getByLabel(/Remove a license too/).check();
    await ask.getByRole('button', { name: 'Continue' }).click();
    const dialog = page.getByRole('dialog', { name: /Remove a license: Patient Engagement License \(Plus\)/ });
    await dialog.getByText('Choose what goes out of each').waitFor();
    assert.ok(await dialog.getByRole('radio', { name: 'Satellite office (closed)' }).isChecked(), 'the row removed from its table is chosen');
    assert.ok(await dialog.getByRole('button', { name: 'Remove the license' }).isDisabled(), 'not until a row of each table is chosen');
    await dialog.getByRole('group', { name: 'Remove 1 from Patient Messages' }).getByRole('radio', { name: 'Dr. Okafor (Paediatrics)' }).check();
    await dialog.getByRole('group', { name: 'Remove 1 from Patient Reminders' }).getByRole('radio', { name: 'Lab and bloodwork' }).check();
    await dialog.getByText('$265.00 → $186.00 (-$79.00)').waitFor();
    await screenshots(page, '11-remove-license');
    await dialog.getByRole('button', { name: 'Remove the license' }).click();
    await page.getByText('Patient Engagement License (Plus) removed.').waitFor();
    await expectTotals({ 'Online Booking': [1, 1, 0], 'Patient Messages': [2, 2, 0], 'Patient Reminders': [2, 2, 0] });
    await expectMonthly('$186.00');
    for (const gone of ['Satellite office (closed)', 'Lab and bloodwork', 'Dr. Okafor (Paediatrics)']) {
      assert.equal(await page.locator('main').getByRole('row', { name: new RegExp(gone.replace(/[()]/g, '\\$&')) }).count(), 0, gone);
    }
  });

  test('adding a license: choose the plan, see its price and the new monthly total, confirm; allocate prompts appear', async () => {
    await page.getByRole('button', { name: 'Add a license' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a license' });
    await dialog.getByText('Includes Patient Messages, Patient Reminders, Online Booking.').waitFor();
    await dialog.getByRole('radio', { name: /Patient Engagement License \(Plus\)/ }).check();
    await dialog.getByText('Patient Engagement License (Plus) costs $79.00/month.').waitFor();
    await dialog.getByText('$186.00 → $265.00 (+$79.00)').waitFor();
    assert.ok(await dialog.getByRole('button', { name: 'Upgrade a Basic license to Plus instead' }).isVisible(), 'seed 002: the upgrade option');
    await screenshots(page, '12-add-license');
    await dialog.getByRole('button', { name: 'Add the license' }).click();
    await page.getByText('Patient Engagement License (Plus) added.').waitFor();
    await expectTotals({ 'Online Booking': [2, 1, 1], 'Patient Messages': [3, 2, 1], 'Patient Reminders': [3, 2, 1] });
    await expectMonthly('$265.00');
    await table('Patient Messages').getByRole('button', { name: 'Allocate 1 unassigned provider' }).waitFor();
    await table('Patient Reminders').getByRole('button', { name: 'Allocate 1 unassigned schedule' }).waitFor();
    await table('Online Booking').getByRole('button', { name: 'Allocate 1 unassigned schedule' }).waitFor();
  });

  test('upgrading Basic to Plus shows the price difference, and gives an Online Booking row to allocate', async () => {
    const basic = page.getByRole('row', { name: /Patient Engagement License \(Basic\)/ });
    await basic.getByRole('button', { name: 'Upgrade to Plus' }).click();
    const dialog = page.getByRole('dialog', { name: /Upgrade Patient Engagement License \(Basic\) to Patient Engagement License \(Plus\)/ });
    await dialog.getByText('$265.00 → $295.00 (+$30.00)').waitFor();
    await screenshots(page, '13-upgrade');
    await dialog.getByRole('button', { name: 'Upgrade' }).click();
    await page.getByText('Upgraded to Patient Engagement License (Plus).').waitFor();
    await expectTotals({ 'Online Booking': [3, 1, 2] }, { some: true });
    await table('Online Booking').getByRole('button', { name: 'Allocate 2 unassigned schedules' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Upgrade to Plus' }).count(), 0, 'no Basic left to upgrade');
    await expectMonthly('$295.00');
  });

  test('Remove on a row only takes it out of its table: the license stays and can be allocated again', async () => {
    await table('Patient Reminders').getByRole('button', { name: 'Remove Walk-in clinic from Patient Reminders' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Walk-in clinic from Patient Reminders?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Walk-in clinic removed from Patient Reminders.').waitFor();
    await expectTotals({ 'Patient Reminders': [3, 1, 2] }, { some: true });
    await table('Patient Reminders').getByRole('button', { name: 'Allocate 2 unassigned schedules' }).click();
    const allocate = page.getByRole('dialog', { name: 'Allocate 2 unassigned schedules' });
    await allocate.getByRole('checkbox', { name: /Walk-in clinic/ }).check();
    await allocate.getByRole('button', { name: 'Activate 1' }).click();
    await page.getByText('Activated. The totals are updated.').waitFor();
    await expectTotals({ 'Patient Reminders': [3, 2, 1] }, { some: true });
    await screenshots(page, '14-management-after');
    assert.deepEqual(pageErrors(page), []);
  });
});
