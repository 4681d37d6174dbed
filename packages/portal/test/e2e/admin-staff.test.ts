// Staff management in the browser: the owner invites a support member; the invitee opens the link
// from the outbox mail, chooses a password, is signed in, signs in again and sees no Staff section;
// the owner changes their role and disables them, which ends their session at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPortalPage, pageErrors, screenshots, startPortalServer, type PortalServer } from './portal-harness.ts';

const INVITEE = { name: 'Robin Support', email: 'robin.support@vendor.example', password: 'a long walk by the river' };

describe('admin console: staff management', { concurrency: false }, () => {
  let server: PortalServer;
  let browser: Browser;
  let owner: Page;
  let invitee: Page;
  before(async () => {
    server = await startPortalServer();
    browser = await launchBrowser();
    ({ page: owner } = await newPortalPage(browser));
    ({ page: invitee } = await newPortalPage(browser));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  };
  const robinRow = () => owner.getByRole('row', { name: new RegExp(INVITEE.name) });

  test('the owner invites a support member from the Staff page', async () => {
    await signIn(owner, server.demo.staff.email, server.demo.staff.password);
    await owner.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Staff' }).click();
    await owner.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await owner.getByRole('row', { name: /\(you\)/ }).waitFor();
    await screenshots(owner, 'admin-staff-01-list');

    await owner.getByRole('button', { name: 'Invite someone…' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Invite a staff member' });
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    assert.equal(await dialog.getByText('Please fill this in.').count(), 2, 'name and email are asked for');
    await dialog.getByLabel('Name').fill(INVITEE.name);
    await dialog.getByLabel('Email address').fill(INVITEE.email);
    await dialog.getByLabel('Role').selectOption('support');
    await dialog.getByText('The work of a support call').waitFor();
    await dialog.getByLabel('Language of the email').selectOption('en');
    await screenshots(owner, 'admin-staff-02-invite');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await owner.getByText(`Invitation sent to ${INVITEE.email}.`).waitFor();
    await robinRow().getByText('Invitation pending').waitFor();
    await screenshots(owner, 'admin-staff-03-pending');

    // The mail went to spam: the owner sends it again, and only the new link works.
    const first = (await server.lastMail(INVITEE.email, 'staff_invitation')).text;
    await robinRow().getByRole('button', { name: 'Send again' }).click();
    await owner.getByText(`A new invitation went to ${INVITEE.email}; the link of the earlier one no longer works.`).waitFor();
    const second = (await server.lastMail(INVITEE.email, 'staff_invitation')).text;
    assert.notEqual(second, first, 'a new mail with a new link');
    assert.match(second, /Robin Support/);
    await screenshots(owner, 'admin-staff-03b-sent-again');
  });

  test('the invitee opens the link from the mail, chooses a password, and is in without a Staff section', async () => {
    const mail = await server.lastMail(INVITEE.email, 'staff_invitation');
    assert.equal(mail.locale, 'en');
    assert.equal(mail.subject, `${await staffName()} invites you to the Leasehold admin console`);
    const link = /https?:\/\/\S+\/admin\/accept-invitation\?token=\S+/.exec(mail.text)?.[0];
    assert.ok(link, `the mail has the link:\n${mail.text}`);
    assert.ok(link.startsWith(`${server.url}/admin/`), `to this console: ${link}`);

    await invitee.goto(link);
    await invitee.getByRole('heading', { name: 'Choose your password', level: 1 }).waitFor();
    await invitee.getByLabel('Choose a password').fill('too short');
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await invitee.getByText('The password needs at least 10 characters.').waitFor();
    await screenshots(invitee, 'admin-staff-04-choose-password');
    await invitee.getByLabel('Choose a password').fill(INVITEE.password);
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await invitee.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const nav = invitee.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Customers' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0, 'no Staff section for support');
    await screenshots(invitee, 'admin-staff-05-support-dashboard');

    // The link is good once.
    const again = await fetch(`${server.url}/v1/staff/invitations/accept`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: new URL(link).searchParams.get('token'), password: INVITEE.password }),
    });
    assert.equal((await again.json()).code, 'TOKEN_INVALID');

    await invitee.getByRole('button', { name: 'Sign out' }).click();
    await invitee.getByText('You are signed out.').waitFor();
    await signIn(invitee, INVITEE.email, INVITEE.password);
    assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0, 'still none after signing in again');
    await invitee.goto(`${server.url}/admin/staff`);
    await invitee.getByText('Only owners see and manage staff accounts.').waitFor();
    await screenshots(invitee, 'admin-staff-06-support-on-staff-page');
  });

  test('the owner changes the member\'s role, then disables them: their session ends at once', async () => {
    await owner.reload();
    await robinRow().getByText('Active').waitFor();
    await robinRow().getByLabel(`Role of ${INVITEE.name}`).selectOption('read_only');
    await owner.getByText(`The role of ${INVITEE.name} is now “Read only”.`).waitFor();

    await robinRow().getByRole('button', { name: 'Disable…' }).click();
    const dialog = owner.getByRole('dialog', { name: `Disable ${INVITEE.name}` });
    await dialog.getByText('is signed out at once').waitFor();
    await screenshots(owner, 'admin-staff-07-disable');
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await owner.getByText(`${INVITEE.name} is disabled and signed out.`).waitFor();
    await robinRow().getByText('Disabled', { exact: true }).waitFor();
    await robinRow().getByRole('button', { name: 'Enable' }).waitFor();
    await screenshots(owner, 'admin-staff-08-disabled');

    await invitee.getByRole('link', { name: 'Customers' }).click();
    await invitee.getByLabel('Number, name, email or computer name').fill('clinic');
    await invitee.getByRole('button', { name: 'Find' }).click();
    await invitee.getByRole('heading', { name: 'Sign in to the admin console', level: 1 }).waitFor();
    await invitee.getByLabel('Email address').fill(INVITEE.email);
    await invitee.getByLabel('Password', { exact: true }).fill(INVITEE.password);
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    await invitee.getByRole('alert').getByText('The email, password or code is not right.').waitFor();
    await screenshots(invitee, 'admin-staff-09-disabled-sign-in');
  });

  test('the Staff page in French', async () => {
    await owner.getByRole('button', { name: 'Français' }).click();
    await owner.getByRole('heading', { name: 'Personnel', level: 1 }).waitFor();
    await owner.getByRole('row', { name: new RegExp(INVITEE.name) }).getByText('Désactivé', { exact: true }).waitFor();
    await owner.getByText(`Le compte de ${INVITEE.name} est désactivé et sa session est fermée.`).waitFor();
    await screenshots(owner, 'admin-staff-10-fr');
    assert.deepEqual(pageErrors(owner), []);
    assert.deepEqual(pageErrors(invitee), []);
  });

  async function staffName(): Promise<string> {
    const row = await server.deps.database.db.selectFrom('staff_users').select('name').where('email', '=', server.demo.staff.email).executeTakeFirstOrThrow();
    return row.name;
  }
});
