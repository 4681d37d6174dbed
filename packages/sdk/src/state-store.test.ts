import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { appDataDir, emptyState, StateStore } from './state-store.ts';
import { tempDataDir } from './testing/test-machine.ts';

test('the state file is written atomically, owner-only, in a folder created owner-only', (t) => {
  const data = tempDataDir();
  t.after(data.remove);
  const store = new StateStore(path.join(data.dir, 'nested', 'app'), 'clinic-desktop');
  assert.equal(store.read(), null);
  store.write({ ...emptyState('clinic-desktop', 1), credentials: { customerNumber: '100001', registrationKey: 'secret' } });
  assert.equal(path.basename(store.file), 'leasehold-clinic-desktop.json');
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(store.file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(store.file)).mode & 0o777, 0o700);
  }
  assert.deepEqual(fs.readdirSync(path.dirname(store.file)), ['leasehold-clinic-desktop.json'], 'no temporary file left behind');
  assert.equal(store.read()?.product, 'clinic-desktop');
});

test('a damaged state file reads as no license and is kept aside for support', (t) => {
  const data = tempDataDir();
  t.after(data.remove);
  const store = new StateStore(data.dir, 'clinic-desktop');
  fs.writeFileSync(store.file, '{"version": 1, "keys": [');
  assert.equal(store.read(), null);
  assert.ok(fs.existsSync(`${store.file}.damaged`));
});

test('appDataDir follows each platform\'s convention', () => {
  assert.equal(appDataDir('Clinic Desktop', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32'), path.join('C:\\Users\\ana\\AppData\\Roaming', 'Clinic Desktop'));
  assert.match(appDataDir('Clinic Desktop', {}, 'darwin'), /Library[/\\]Application Support[/\\]Clinic Desktop$/);
  assert.equal(appDataDir('clinic', { XDG_CONFIG_HOME: '/xdg' }, 'linux'), path.join('/xdg', 'clinic'));
});
