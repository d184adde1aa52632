import { ApiFailure } from './errcodes.js';

/** The client address in WeChat's two spellings: `1.2.3.4` and `::ffff:1.2.3.4`. */
export interface ClientIp {
  ipv4: string;
  ipv6: string;
}

/** Normalises a socket's remoteAddress (`::ffff:`-mapped or not). */
export function clientIp(remoteAddress: string | undefined): ClientIp {
  const address = remoteAddress ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return { ipv4: mapped[1], ipv6: address.toLowerCase() };
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(address)) return { ipv4: address, ipv6: `::ffff:${address}` };
  return { ipv4: address, ipv6: address };
}

/**
 * The API IP whitelist (SPEC §4.4, §7): with `allowed` set, other clients get 40164 and
 * WeChat's errmsg, which names the IP so the user knows what to add
 * (`invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: …`).
 */
export function checkWhitelist(ip: ClientIp, allowed: readonly string[] | undefined): void {
  if (allowed === undefined) return;
  if (allowed.includes(ip.ipv4) || allowed.includes(ip.ipv6)) return;
  throw new ApiFailure(40164, undefined, `invalid ip ${ip.ipv4} ipv6 ${ip.ipv6}, not in whitelist`);
}
