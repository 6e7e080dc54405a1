import { DateTime } from 'luxon';

// A moment in the campaign's zone, always naming the zone: "12 Jun 2030, 09:00 (Asia/Ho_Chi_Minh)".
// The zone is spelled out because marketers schedule for a city, not for their own browser.
export function formatDateTime(ms: number, timeZone: string, locale: string): string {
  const at = DateTime.fromMillis(ms, { zone: timeZone, locale });
  if (!at.isValid) return '—';
  return `${at.toLocaleString(DateTime.DATETIME_MED)} (${timeZone})`;
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

// 0.4567 -> "45.7%" (en) / "45,7%" (vi).
export function formatPercent(ratio: number, locale: string, fractionDigits = 1): string {
  return formatNumber(ratio, locale, { style: 'percent', maximumFractionDigits: fractionDigits });
}
