import { describe, expect, it } from 'vitest';
import { isPublicAddress, webhookHostAllowed } from './addresses.ts';

describe('isPublicAddress', () => {
  it('accepts public unicast addresses, v4 and v6', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '203.0.114.1', '2001:4860:4860::8888']) expect(isPublicAddress(ip)).toBe(true);
  });

  it('refuses every address that reaches the deployment itself or its network', () => {
    for (const ip of [
      '127.0.0.1', '127.8.9.10', '::1', // loopback
      '10.0.0.5', '172.16.3.4', '192.168.1.1', 'fd00::1', // private
      '169.254.169.254', 'fe80::1', // link-local (cloud metadata)
      '100.64.0.1', // carrier-grade NAT
      '0.0.0.0', '::', // unspecified
      '224.0.0.1', 'ff02::1', // multicast
      '::ffff:127.0.0.1', '::ffff:10.0.0.1', // IPv4-mapped
      'not-an-ip',
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });
});

describe('webhookHostAllowed', () => {
  it('allows names and public literals, refuses localhost and private literals', () => {
    expect(webhookHostAllowed('hooks.example.com')).toBe(true);
    expect(webhookHostAllowed('8.8.8.8')).toBe(true);
    expect(webhookHostAllowed('[2001:4860:4860::8888]')).toBe(true);
    expect(webhookHostAllowed('localhost')).toBe(false);
    expect(webhookHostAllowed('api.LOCALHOST')).toBe(false);
    expect(webhookHostAllowed('127.0.0.1')).toBe(false);
    expect(webhookHostAllowed('[::1]')).toBe(false);
    expect(webhookHostAllowed('169.254.169.254')).toBe(false);
  });
});
