import ipaddr from 'ipaddr.js';

// Outbound webhooks go to URLs a tenant types in. Without a check, a tenant could make the worker
// POST into the deployment's own network (the cloud metadata service, Postgres' host, an admin
// port on localhost). Only public unicast addresses are allowed unless the deployment says
// otherwise (WEBHOOK_ALLOW_PRIVATE_TARGETS, for local development and tests).

// True for an address on the public internet; false for loopback, private (RFC 1918, unique
// local), link-local (incl. 169.254.169.254), carrier-grade NAT, multicast, reserved and the
// unspecified address, including their IPv4-mapped IPv6 forms. Not an IP at all: false.
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

// A URL host written as an IP literal (brackets stripped for IPv6), or null for a name.
export function literalAddressOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

// Whether a webhook URL may be registered: a name (checked again on every delivery, after DNS),
// or a public IP literal. `localhost` names the machine itself.
export function webhookHostAllowed(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  const literal = literalAddressOf(host);
  return literal === null || isPublicAddress(literal);
}
