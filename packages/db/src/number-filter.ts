// Which numbers of a campaign a listing or an export is about: some call statuses, and a number
// searched for (the whole number, which the (campaign_id, phone) unique index finds, or the last
// digits of numbers). Shared by the calls page and the CSV export so both filter alike.
import type { Prisma } from './generated/client.ts';
import { storedStatusFilter } from './in-flight.ts';

export type PhoneMatch = { kind: 'exact'; phone: string } | { kind: 'suffix'; digits: string };
// `unsentBatchIds`: the campaign's batches not yet accepted (in-flight.ts), for 'dialing' and 'calling'.
export type NumberFilter = { statuses?: readonly string[]; phone?: PhoneMatch; unsentBatchIds?: readonly bigint[] };

export function numberWhere(filter: NumberFilter): Prisma.CampaignNumberWhereInput {
  return {
    ...(filter.statuses?.length ? statusWhere(filter.statuses, filter.unsentBatchIds ?? []) : {}),
    ...(filter.phone?.kind === 'exact' ? { phone: filter.phone.phone } : {}),
    ...(filter.phone?.kind === 'suffix' ? { phone: { endsWith: filter.phone.digits } } : {}),
  };
}

/** The same conditions as SQL text on the alias `n`, for plain pg queries: values go in from `$first` on. */
export function numberFilterText(filter: NumberFilter, first: number): { text: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${first + values.push(value) - 1}`;
  if (filter.statuses?.length) {
    const { stored, calling } = storedStatusFilter(filter.statuses, filter.unsentBatchIds ?? []);
    const callingText =
      calling.kind === 'none' ? 'false'
      : calling.kind === 'all' ? `n.status = 'calling'`
      : `(n.status = 'calling' AND n.last_batch_id ${calling.kind === 'in' ? '=' : '<>'} ${calling.kind === 'in' ? 'ANY' : 'ALL'}(${param(calling.batchIds.map(String))}::bigint[]))`;
    parts.push(`AND (n.status = ANY(${param(stored)}::call_status[]) OR ${callingText})`);
  }
  if (filter.phone?.kind === 'exact') parts.push(`AND n.phone = ${param(filter.phone.phone)}`);
  // Digits only (parsePhoneSearch), so nothing in them is a LIKE wildcard.
  if (filter.phone?.kind === 'suffix') parts.push(`AND n.phone LIKE ${param(`%${filter.phone.digits}`)}`);
  return { text: parts.join(' '), values };
}

function statusWhere(statuses: readonly string[], unsent: readonly bigint[]): Prisma.CampaignNumberWhereInput {
  const { stored, calling } = storedStatusFilter(statuses, unsent);
  const any: Prisma.CampaignNumberWhereInput[] = [{ status: { in: stored } }];
  if (calling.kind === 'all') any.push({ status: 'calling' });
  if (calling.kind === 'in') any.push({ status: 'calling', lastBatchId: { in: calling.batchIds } });
  if (calling.kind === 'notIn') any.push({ status: 'calling', lastBatchId: { notIn: calling.batchIds } });
  return any.length === 1 ? any[0]! : { AND: [{ OR: any }] };
}
