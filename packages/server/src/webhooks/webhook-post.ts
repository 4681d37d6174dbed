import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { classifyAddress, literalDestinationProblem, privateDestinationMessage } from './webhook-destination.ts';

/** A delivery refused before connecting: the destination is not a public address. */
export class PrivateDestinationError extends Error {
  readonly code = 'PRIVATE_DESTINATION';
}

export interface PostOptions {
  timeoutMs: number;
  /** LEASEHOLD_WEBHOOK_ALLOW_PRIVATE: an on-premises receiver on a private network. */
  allowPrivate: boolean;
}

/**
 * POSTs `body` to `url` and answers the status; redirects are not followed and the answer's body
 * is read and dropped. Unless `allowPrivate`, it connects only to public addresses: a literal
 * address is checked here, a host name in the socket's own lookup, so the address checked is the
 * address connected to (no second DNS answer in between).
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<number> {
  const target = new URL(url);
  const refusal = options.allowPrivate ? null : literalDestinationProblem(target);
  if (refusal) return Promise.reject(new PrivateDestinationError(refusal));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
      lookup: options.allowPrivate ? undefined : publicOnlyLookup,
      signal: AbortSignal.timeout(options.timeoutMs),
    }, (response) => {
      response.on('error', reject);
      response.on('close', () => (response.complete ? resolve(response.statusCode!) : reject(new Error('the answer was cut off'))));
      response.resume();
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** dns.lookup that fails when any address of the name is not public, so no answer of a mixed set is ever tried. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    for (const { address } of addresses) {
      const found = classifyAddress(address);
      if (!found.public) return callback(new PrivateDestinationError(privateDestinationMessage(hostname, address, found.kind)), '', 0);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
