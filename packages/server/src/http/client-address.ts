import type http from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which peers may say who the client is in X-Forwarded-For: none (false), the proxies in front
 * (a hop count), or peers with these addresses or CIDRs (and proxy-addr's `loopback`,
 * `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | readonly string[];

/** proxy-addr's question: may the peer at `address`, `hop` steps from this server, speak for the next one? */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The trust function Fastify is given and the fast lane uses, so both name the same client; false
 * when no peer is trusted. A hop count is a function because Fastify's own `trustProxy: n` trusts
 * no peer at all.
 */
export function proxyTrust(setting: TrustProxy | undefined): ProxyTrust | false {
  if (!setting) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting.length > 0 ? proxyAddr.compile([...setting]) : false;
}

/**
 * The client's address and the host it asked for, as Fastify's `request.ip` and `request.host` give
 * them: the nearest X-Forwarded-For address not written by a trusted proxy, and the last
 * X-Forwarded-Host when the peer is trusted.
 */
export function clientOf(request: http.IncomingMessage, trust: ProxyTrust | false): { ip: string | undefined; host: string } {
  const { headers } = request;
  const peer = request.socket?.remoteAddress;
  const host = headers.host ?? '';
  if (!trust) return { ip: peer, host };
  const addresses = proxyAddr.all(request, trust);
  const forwardedHost = headers['x-forwarded-host'];
  const trustsPeer = peer !== undefined && trust(peer, 0);
  return {
    ip: addresses[addresses.length - 1],
    host: trustsPeer && typeof forwardedHost === 'string' && forwardedHost ? forwardedHost.slice(forwardedHost.lastIndexOf(',') + 1).trim() : host,
  };
}
