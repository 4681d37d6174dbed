// The catalogue in the admin console: an owner raises a plan's price and sees, before confirming,
// the licenses it reaches and the change per month; lowers a policy's hardware tolerance and sees
// the computer that would be refused (after a field error from the server shown beside its field);
// is refused taking away a seat in use; creates a plan; support staff see no change buttons.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR, createStaffUser, generateStaffPassword } from '@leasehold/server';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

describe('admin console: catalogue', { concurrency: false }, () => {
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

  const signIn = async (p: Page, email: string, password: string) => {
    await p.goto(`${server.url}/admin/`);
    await p.getByLabel('Email address').fill(email);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  };
  const openProduct = async (name: string) => {
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  };
  const db = () => server.deps.database.db;

  test('the owner finds the products, and a product with its plans, features and policies', async () => {
    await signIn(page, server.demo.staff.email, server.demo.staff.password);
    await page.getByRole('link', { name: 'Catalogue' }).click();
    const products = page.getByRole('region', { name: 'Products' });
    await products.getByRole('link', { name: 'Patient Engagement' }).waitFor();
    await screenshots(page, 'admin-catalogue-01-products');
    await products.getByRole('link', { name: 'Patient Engagement' }).click();
    await page.getByRole('heading', { name: 'Patient Engagement', level: 1 }).waitFor();
    const plans = page.getByRole('region', { name: 'Plans' });
    await plans.getByText('$79.00').waitFor();
    assert.match(await plans.innerText(), /1 × Online Booking/);
    assert.match(await plans.innerText(), /Patient Engagement License \(Plus\)/);
    assert.match(await page.getByRole('region', { name: 'Policies' }).innerText(), /Cloud features: monthly subscription/);
    await screenshots(page, 'admin-catalogue-02-product');
  });

  test('raising a plan\'s price shows the licenses it reaches, which keep their price, before saving', async () => {
    await page.getByRole('button', { name: 'Edit… Patient Engagement License (Plus)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Patient Engagement License (Plus)' });
    await dialog.getByLabel('Price').fill('89.00');
    await dialog.getByRole('button', { name: 'Review the change' }).click();
    await dialog.getByRole('heading', { name: 'What this change affects' }).waitFor();
    const preview = await dialog.innerText();
    assert.match(preview, /Price up by \$10\.00 per month: \$79\.00 per month becomes \$89\.00 per month/);
    assert.match(preview, /The 2 licenses already on this plan \(customers: 1\) keep the price they were issued at, on their bills and in the client portal/);
    assert.match(preview, new RegExp(`${server.demo.customer.number} · ${server.demo.customer.name}`));
    assert.match(preview, /2 licenses, at the price they were issued at/);
    await screenshots(page, 'admin-catalogue-03-price-preview');
    assert.equal((await db().selectFrom('plans').select('price_cents').where('code', '=', 'engagement-plus').executeTakeFirstOrThrow()).price_cents, 7900, 'the preview changes nothing');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('“Patient Engagement License (Plus)” is saved.').waitFor();
    await page.getByRole('region', { name: 'Plans' }).getByText('$89.00').waitFor();
    assert.equal((await db().selectFrom('plans').select('price_cents').where('code', '=', 'engagement-plus').executeTakeFirstOrThrow()).price_cents, 8900);
  });

  test('taking away a seat in use is refused in the preview, with the customer named', async () => {
    await page.getByRole('button', { name: 'Edit… Patient Engagement License (Plus)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Patient Engagement License (Plus)' });
    await dialog.getByLabel('Online Booking seats (schedule)').fill('0');
    await dialog.getByRole('button', { name: 'Review the change' }).click();
    await dialog.getByText('This change cannot be saved as it stands').waitFor();
    assert.match(await dialog.innerText(), /1 customer would have more assigned than licensed/);
    assert.match(await dialog.innerText(), /2 assigned, 0 licensed after the change/);
    assert.equal(await dialog.getByRole('button', { name: /^Save/ }).count(), 0);
    await screenshots(page, 'admin-catalogue-04-slot-refused');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('lowering a policy\'s tolerance names the computer that would be refused; a field error shows beside its field', async () => {
    await openProduct('Clinic Desktop');
    const policy = 'Desktop: check in every 3 days, 14-day lease';
    await page.getByRole('button', { name: `Edit… ${policy}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${policy}` });
    await dialog.getByLabel('Offline lease (days)').fill('1');
    await dialog.getByRole('button', { name: 'Review the change' }).click();
    await dialog.getByText('Make the offline lease at least as long as the check-in interval').waitFor();
    assert.equal(await dialog.getByLabel('Offline lease (days)').getAttribute('aria-invalid'), 'true');
    await screenshots(page, 'admin-catalogue-05-policy-field-error');

    await dialog.getByLabel('Offline lease (days)').fill('14');
    await dialog.getByLabel('Hardware tolerance').fill('0');
    await dialog.getByRole('button', { name: 'Review the change' }).click();
    await dialog.getByRole('heading', { name: 'What this change affects' }).waitFor();
    const preview = await dialog.innerText();
    assert.match(preview, /Lowering the tolerance from 2 to 0 changed components: 1 computer had more than 0 components change at one check-in in the last 90 days/);
    assert.match(preview, /RECEPTION-01/);
    assert.match(preview, /disk_serial changed on/);
    await screenshots(page, 'admin-catalogue-06-tolerance-preview');
    await dialog.getByRole('button', { name: 'Back' }).click();
    assert.equal(await dialog.getByLabel('Hardware tolerance').inputValue(), '0', 'Back keeps what was typed');
    await dialog.getByRole('button', { name: 'Review the change' }).click();
    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await page.getByText(`“${policy}” is saved.`).waitFor();
    assert.equal((await db().selectFrom('policies').select('fingerprint_tolerance').where('name', '=', policy).executeTakeFirstOrThrow()).fingerprint_tolerance, 0);
    const event = await db().selectFrom('events').select(['actor_type', 'data']).where('type', '=', 'policy.updated').executeTakeFirstOrThrow();
    assert.equal(event.actor_type, 'staff');
    assert.deepEqual(JSON.parse(event.data).changes, { fingerprintTolerance: { from: 2, to: 0 } });
  });

  test('creates a new plan; a code already used is shown beside the code', async () => {
    await openProduct('Patient Engagement');
    await page.getByRole('button', { name: 'Add a plan…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a plan' });
    await dialog.getByLabel('Code').fill('engagement-plus');
    await dialog.getByLabel('Name (English)').fill('Patient Engagement License (Pro)');
    await dialog.getByLabel('Name (French)').fill('Licence d’engagement des patients (Pro)');
    await dialog.getByLabel('Price').fill('129');
    for (const feature of ['Patient Messages seats (provider)', 'Patient Reminders seats (schedule)', 'Online Booking seats (schedule)']) await dialog.getByLabel(feature).fill('2');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('This code is already used. Choose another.').waitFor();
    await screenshots(page, 'admin-catalogue-07-new-plan-code-taken');
    await dialog.getByLabel('Code').fill('engagement-pro');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText('“Patient Engagement License (Pro)” is saved.').waitFor();
    const plans = page.getByRole('region', { name: 'Plans' });
    await plans.getByText('$129.00').waitFor();
    assert.match(await plans.innerText(), /2 × Online Booking/);
    await screenshots(page, 'admin-catalogue-08-new-plan');
    const created = await db().selectFrom('plans').select(['price_cents', 'currency', 'period']).where('code', '=', 'engagement-pro').executeTakeFirstOrThrow();
    assert.deepEqual(created, { price_cents: 12_900, currency: 'CAD', period: 'month' });

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Forfaits' }).waitFor();
    await screenshots(page, 'admin-catalogue-09-product-fr');
    await page.getByRole('button', { name: 'English' }).click();
    assert.deepEqual(pageErrors(page), []);
  });

  test('manages a plan\'s upgrade paths: adds one, removes another, and says no license changes', async () => {
    const basic = 'Patient Engagement License (Basic)';
    const plans = page.getByRole('region', { name: 'Plans' });
    const open = async () => {
      await plans.getByRole('button', { name: `Upgrade paths… ${basic}` }).click();
      const dialog = page.getByRole('dialog', { name: `Upgrade paths from ${basic}` });
      await dialog.waitFor();
      return dialog;
    };
    let dialog = await open();
    assert.match(await dialog.innerText(), /Customers holding Patient Engagement License \(Basic\) may upgrade it to:\s*Patient Engagement License \(Plus\)/);
    await dialog.getByLabel('Customers may upgrade to').selectOption({ label: 'Patient Engagement License (Pro) ($129.00 per month)' });
    await dialog.getByText(/can upgrade it to Patient Engagement License \(Pro\) in the portal, for \+\$80\.00 per month/).waitFor();
    await screenshots(page, 'admin-catalogue-10-upgrade-paths');
    await dialog.getByRole('button', { name: 'Add the upgrade path' }).click();
    await page.getByText(`“${basic}” is saved.`).waitFor();
    await plans.getByRole('row', { name: new RegExp(`^${basic.replace(/[()]/g, '\\$&')}.*Patient Engagement License \\(Plus\\), Patient Engagement License \\(Pro\\)`) }).waitFor();

    dialog = await open();
    await dialog.getByText('Removing a path changes no license: licenses already upgraded keep their plan.').waitFor();
    await dialog.getByRole('button', { name: 'Remove the upgrade path to Patient Engagement License (Plus)' }).click();
    await page.getByText(`“${basic}” is saved.`).waitFor();
    const paths = await db().selectFrom('plan_upgrades').innerJoin('plans as f', 'f.id', 'plan_upgrades.from_plan_id').innerJoin('plans as t', 't.id', 'plan_upgrades.to_plan_id')
      .select(['t.code as to']).where('f.code', '=', 'engagement-basic').execute();
    assert.deepEqual(paths.map((p) => p.to), ['engagement-pro']);
    const removed = await db().selectFrom('events').select(['data']).where('type', '=', 'plan.upgrade_removed').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(removed.data).to, 'engagement-plus');
    assert.deepEqual(pageErrors(page), []);
  });

  test('support staff see the catalogue without change buttons', async () => {
    const password = generateStaffPassword();
    await createStaffUser(server.deps, { email: 'support@vendor.example', name: 'Support Person', role: 'support', password }, SYSTEM_ACTOR);
    const { context, page: support } = await newPortalPage(browser);
    await signIn(support, 'support@vendor.example', password);
    await support.getByRole('link', { name: 'Catalogue' }).click();
    await support.getByRole('link', { name: 'Clinic Desktop' }).click();
    await support.getByText('Only owners change the catalogue; you can look.').waitFor();
    assert.equal(await support.getByRole('button', { name: /^(Edit|Add|Rename)/ }).count(), 0);
    await context.close();
  });
});
