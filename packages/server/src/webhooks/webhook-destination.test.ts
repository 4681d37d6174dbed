import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyAddress, literalAddress, type AddressClass } from './webhook-destination.ts';

const refused = (kind: string): AddressClass => ({ public: false, kind } as AddressClass);
const allowed: AddressClass = { public: true };

// Pure: no address here is ever connected to.
const ADDRESSES: [string, AddressClass][] = [
  ['127.0.0.1', refused('loopback')],
  ['127.255.255.254', refused('loopback')],
  ['::1', refused('loopback')],
  ['0.0.0.0', refused('unspecified')],
  ['0.1.2.3', refused('unspecified')],
  ['::', refused('unspecified')],
  ['10.0.0.1', refused('private')],
  ['172.16.0.1', refused('private')],
  ['172.31.255.255', refused('private')],
  ['192.168.1.1', refused('private')],
  ['169.254.169.254', refused('link-local')],
  ['fe80::1', refused('link-local')],
  ['fe80::1%eth0', refused('link-local')],
  ['::ffff:10.0.0.1%eth0', refused('private')],
  ['fc00::1', refused('unique-local')],
  ['fd12:3456:789a::1', refused('unique-local')],
  ['100.64.0.1', refused('carrier-grade NAT')],
  ['100.127.255.255', refused('carrier-grade NAT')],
  ['224.0.0.1', refused('multicast')],
  ['ff02::1', refused('multicast')],
  ['255.255.255.255', refused('broadcast')],
  ['240.0.0.1', refused('reserved')],
  ['192.0.2.10', refused('reserved')],
  ['198.18.0.1', refused('reserved')],
  ['2001:db8::1', refused('reserved')],
  ['::ffff:127.0.0.1', refused('loopback')],
  ['::ffff:7f00:1', refused('loopback')],
  ['::ffff:10.1.2.3', refused('private')],
  ['::ffff:169.254.169.254', refused('link-local')],
  ['64:ff9b::7f00:1', refused('loopback')],
  ['2002:c0a8:101::1', refused('private')],
  ['::127.0.0.1', refused('reserved')],
  ['93.184.216.34', allowed],
  ['8.8.8.8', allowed],
  ['172.32.0.1', allowed],
  ['100.128.0.1', allowed],
  ['2606:2800:220:1:248:1893:25c8:1946', allowed],
  ['::ffff:93.184.216.34', allowed],
  ['64:ff9b::5db8:d822', allowed],
  ['2606:2800:220:1:248:1893:25c8:1946%eth0', allowed],
  ['not an address', refused('reserved')],
];

describe('webhook destination addresses', () => {
  for (const [address, expected] of ADDRESSES) {
    test(`${address} is ${expected.public ? 'public' : expected.kind}`, () => {
      assert.deepEqual(classifyAddress(address), expected);
    });
  }

  const URLS: [string, string | null, AddressClass | null][] = [
    ['http://2130706433/', '127.0.0.1', refused('loopback')],
    ['http://0x7f.1/', '127.0.0.1', refused('loopback')],
    ['http://017700000001/', '127.0.0.1', refused('loopback')],
    ['http://127.1:8080/hook', '127.0.0.1', refused('loopback')],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', refused('loopback')],
    ['http://[::1]:3000/', '::1', refused('loopback')],
    ['http://0/', '0.0.0.0', refused('unspecified')],
    ['https://10.0.0.5/hooks', '10.0.0.5', refused('private')],
    ['https://93.184.216.34/hooks', '93.184.216.34', allowed],
    ['https://localhost/hooks', null, null],
    ['https://erp.example.com/hooks', null, null],
  ];
  for (const [url, literal, expected] of URLS) {
    test(`${url} names ${literal ?? 'a host, checked when connecting'}`, () => {
      const found = literalAddress(new URL(url));
      assert.equal(found, literal);
      if (found !== null) assert.deepEqual(classifyAddress(found), expected);
    });
  }
});
