// Which numbers of a campaign a listing or an export is about: some call statuses, and a number
// searched for (the whole number, which the (campaign_id, phone) unique index finds, or the last
// digits of numbers). Shared by the calls page and the CSV export so both filter alike.
import type { Prisma } from './generated/client.ts';
import type { CallStatus } from './generated/enums.ts';

export type PhoneMatch = { kind: 'exact'; phone: string } | { kind: 'suffix'; digits: string };
export type NumberFilter = { statuses?: readonly string[]; phone?: PhoneMatch };

export function numberWhere(filter: NumberFilter): Prisma.CampaignNumberWhereInput {
  return {
    ...(filter.statuses?.length ? { status: { in: filter.statuses as CallStatus[] } } : {}),
    ...(filter.phone?.kind === 'exact' ? { phone: filter.phone.phone } : {}),
    ...(filter.phone?.kind === 'suffix' ? { phone: { endsWith: filter.phone.digits } } : {}),
  };
}

/** The same conditions as SQL text on the alias `n`, for plain pg queries: values go in from `$first` on. */
export function numberFilterText(filter: NumberFilter, first: number): { text: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${first + values.push(value) - 1}`;
  if (filter.statuses?.length) parts.push(`AND n.status = ANY(${param([...filter.statuses])}::call_status[])`);
  if (filter.phone?.kind === 'exact') parts.push(`AND n.phone = ${param(filter.phone.phone)}`);
  // Digits only (parsePhoneSearch), so nothing in them is a LIKE wildcard.
  if (filter.phone?.kind === 'suffix') parts.push(`AND n.phone LIKE ${param(`%${filter.phone.digits}`)}`);
  return { text: parts.join(' '), values };
}
