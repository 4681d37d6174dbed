// End-to-end harness: the real server in-process over a fresh SQLite database seeded through the
// services, the built portal it serves, and Debian's Chromium driven by playwright-core.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, createSigner, seedDemo, systemClock, type AppDeps, type DemoCredentials } from '@leasehold/server';
import { openTestDatabase, TEST_SECRETS } from '@leasehold/server/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const portalRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = path.join(portalRoot, 'test-results', 'screenshots');
export const CHROMIUM = process.env.LEASEHOLD_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const sources = Math.max(
    newestMtime(path.join(portalRoot, 'src')), fs.statSync(path.join(portalRoot, 'vite.config.ts')).mtimeMs, fs.statSync(path.join(portalRoot, 'scripts', 'build.mjs')).mtimeMs,
  );
  return ['portal', 'admin'].every((app) => {
    const index = path.join(portalRoot, 'dist', app, 'index.html');
    return fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources;
  });
}

/**
 * Builds the portal when the build is missing or older than a source file (npm install built it
 * once). Test files run in parallel processes: a lock directory lets one build while the others wait,
 * since a build empties dist/ and a server started meanwhile would serve missing assets.
 */
export function ensurePortalBuilt(): void {
  if (buildIsCurrent()) return;
  const lock = path.join(portalRoot, 'dist', '.build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a build that died.
      if (fs.statSync(lock, { throwIfNoEntry: false }) && Date.now() - fs.statSync(lock).mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`Waited 3 minutes for another portal build (${lock}).`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (buildIsCurrent()) return;
    const built = spawnSync(process.execPath, [path.join(portalRoot, 'scripts', 'build.mjs')], { stdio: 'pipe', env: { ...process.env, PORTAL_BUILD_QUIET: '1' } });
    if (built.status !== 0) throw new Error(`Building the portal failed:\n${built.stdout}\n${built.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface PortalServer {
  url: string;
  app: FastifyInstance;
  deps: AppDeps;
  demo: DemoCredentials;
  /** The newest mail sent to an address, as the outbox holds it. */
  lastMail(to: string, template?: string): Promise<{ subject: string; text: string; locale: string; template: string }>;
  close(): Promise<void>;
}

/**
 * The server on a free port over a fresh database with the demo seeded (the clinic of seed 002 with
 * a computer); `webhookAllowPrivate` lets webhooks reach a receiver on 127.0.0.1.
 */
export async function startPortalServer(options: { webhookAllowPrivate?: boolean } = {}): Promise<PortalServer> {
  ensurePortalBuilt();
  const { database, cleanup } = await openTestDatabase('sqlite');
  const config = { publicUrl: 'http://127.0.0.1:0', bodyLimit: 1_048_576, logLevel: 'silent', webhookAllowPrivate: options.webhookAllowPrivate };
  const signer = await createSigner(database, systemClock, TEST_SECRETS);
  const deps: AppDeps = { database, clock: systemClock, signer, secrets: TEST_SECRETS, config };
  const app = await createApp(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  config.publicUrl = url;
  const demo = await seedDemo(database, systemClock, TEST_SECRETS, { publicUrl: url });
  return {
    url, app, deps, demo,
    async lastMail(to, template) {
      let query = database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to.toLowerCase());
      if (template) query = query.where('template', '=', template);
      const row = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      if (!row) throw new Error(`No mail to ${to}${template ? ` (${template})` : ''} in the outbox.`);
      return { subject: row.subject, text: row.text_body, locale: row.locale, template: row.template };
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (npm test does this), or set LEASEHOLD_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile (cookies, storage) in English or French. */
export async function newPortalPage(browser: Browser, language: 'en' | 'fr' = 'en'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: `${language}-CA`, timezoneId: 'America/Toronto' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  (page as Page & { portalErrors: string[] }).portalErrors = errors;
  return { context, page };
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { portalErrors?: string[] }).portalErrors ?? [];
}

/** Full-page screenshots at desktop and phone width, for people to look at: test-results/screenshots/NAME-{desktop,phone}.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts?.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** The link in an email's text, e.g. the reset or invitation link. */
export function linkIn(text: string): string {
  const match = /https?:\/\/\S+\/portal\/\S+/.exec(text);
  if (!match) throw new Error(`No portal link in:\n${text}`);
  return match[0].replace(/[).,]+$/, '');
}

/** Calls the machine API as the app does, with the customer's registration details. */
export async function asApp(server: PortalServer, method: 'POST' | 'GET', url: string, body?: object): Promise<any> {
  const basic = `Basic ${Buffer.from(`${server.demo.customer.number}:${server.demo.customer.registrationKey}`).toString('base64')}`;
  const response = await fetch(`${server.url}${url}`, {
    method, headers: { authorization: basic, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  return response.json();
}

/** Five fingerprint components as the app sends them; `changed` ones take new values (new hardware). */
export function computerFingerprint(seed: string, changed: string[] = []): Record<string, string> {
  const names = ['machine_id', 'board_serial', 'disk_serial', 'cpu', 'mac'];
  return Object.fromEntries(names.map((n) => [n, `${seed}-${n}-${changed.includes(n) ? 'new' : 'original'}-0000`]));
}

/** Seed 000 steps 2 and 3 in the browser: account details, then register; ends on "Your licenses". */
export async function registerThroughPortal(page: Page, server: PortalServer, user: { name: string; email: string; password: string }, language: 'en' | 'fr' = 'en'): Promise<void> {
  const words = language === 'en'
    ? { region: 'Log on with account details', logOn: 'Log on', name: 'Your name', email: 'Email address', password: 'Choose a password', submit: 'Register and continue', licenses: 'Your licenses' }
    : { region: 'Ouvrir une session avec les détails du compte', logOn: 'Ouvrir une session', name: 'Votre nom', email: 'Adresse courriel', password: 'Choisissez un mot de passe', submit: 'Enregistrer et continuer', licenses: 'Vos licences' };
  await page.goto(`${server.url}/portal/`);
  const details = page.getByRole('region', { name: words.region });
  await details.getByLabel(language === 'en' ? 'Customer number' : 'Numéro de client').fill(server.demo.customer.number);
  await details.getByLabel(language === 'en' ? 'Registration key' : 'Clé d’enregistrement').fill(server.demo.customer.registrationKey);
  await details.getByRole('button', { name: words.logOn }).click();
  await page.getByLabel(words.name).fill(user.name);
  await page.getByLabel(words.email).fill(user.email);
  await page.getByLabel(words.password).fill(user.password);
  await page.getByRole('button', { name: words.submit }).click();
  await page.getByRole('heading', { name: words.licenses, level: 1 }).waitFor();
}
