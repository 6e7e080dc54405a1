// Validation of executeByPhone bodies, mimicking the codes OMICALL documents. Which code the real
// API returns for each mistake is not documented; the choices here are the simulator's own:
//   body missing / not an object            -> request_body_required
//   scripts missing, empty or malformed     -> data_is_required
//   callBotTextVariable text > 300 chars    -> limit_word_session
//   phone list missing or empty             -> data_is_required
//   any phone not a Vietnamese number       -> invalid_phone_number (whole request refused)
//   numberCallOuts entry not a number       -> number_call_out_invalid
//   numberCallPerTime above the plan's CCU  -> limit_service
//   other fields of the wrong type          -> data_is_required

export type CreateRequest = {
  name: string;
  sendTime: number | null;
  phones: string[];
  numberCallOuts: string[];
  numberCallPerTime: number;
  durationOfEachCall: number;
  maxRetryOfDetail: number | null;
  retryAfterSeconds: number | null;
};

export type Validation = { ok: true; value: CreateRequest } | { ok: false; code: string };

const SCRIPT_TYPES = new Set(['recording', 'callBotTextVariable', 'ivrMenu', 'ringGroup']);
export const MAX_TTS_CHARS_PER_SESSION = 300;
const VN_PHONE = /^(?:0|84|\+84)\d{9,10}$/;
const HOTLINE = /^\+?\d{6,15}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optInt = (v: unknown, min: number): number | null | 'bad' =>
  v === undefined || v === null ? null : Number.isInteger(v) && (v as number) >= min ? (v as number) : 'bad';

/** The phone list under any of the names this project accepts (the v2 page names none). */
export function phoneListOf(body: unknown): unknown {
  if (!isRecord(body)) return undefined;
  return body.phoneNumbers ?? body.phones ?? body.phone_number_list;
}

export function isVietnamesePhone(phone: string): boolean {
  return VN_PHONE.test(phone);
}

/** Hotlines are reported in international form (84...), as in OMICALL's examples. */
export function toHotline(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

function checkScripts(scripts: unknown): string | null {
  if (!Array.isArray(scripts) || scripts.length === 0) return 'data_is_required';
  for (const step of scripts) {
    if (!isRecord(step) || typeof step.targetType !== 'string' || !SCRIPT_TYPES.has(step.targetType)) return 'data_is_required';
    if (step.targetType === 'callBotTextVariable') {
      if (typeof step.targetValue !== 'string' || step.targetValue.length === 0) return 'data_is_required';
      if (step.targetValue.length > MAX_TTS_CHARS_PER_SESSION) return 'limit_word_session';
    }
  }
  return null;
}

export function validateCreate(body: unknown, ccu: number): Validation {
  if (!isRecord(body)) return { ok: false, code: 'request_body_required' };
  const scriptError = checkScripts(body.scripts);
  if (scriptError) return { ok: false, code: scriptError };

  const phones = phoneListOf(body);
  if (!Array.isArray(phones) || phones.length === 0) return { ok: false, code: 'data_is_required' };
  for (const p of phones) if (typeof p !== 'string' || !isVietnamesePhone(p)) return { ok: false, code: 'invalid_phone_number' };

  const outs = body.numberCallOuts ?? [];
  if (!Array.isArray(outs)) return { ok: false, code: 'number_call_out_invalid' };
  for (const n of outs) if (typeof n !== 'string' || !HOTLINE.test(n)) return { ok: false, code: 'number_call_out_invalid' };

  const perTime = optInt(body.numberCallPerTime, 1);
  const gap = optInt(body.durationOfEachCall, 0);
  const retries = optInt(body.maxRetryOfDetail, 0);
  const retryAfter = optInt(body.retryAfterSeconds, 0);
  if (perTime === 'bad' || gap === 'bad' || retries === 'bad' || retryAfter === 'bad') return { ok: false, code: 'data_is_required' };
  if (perTime !== null && perTime > ccu) return { ok: false, code: 'limit_service' };
  if (body.sendTime !== undefined && body.sendTime !== null && typeof body.sendTime !== 'number') return { ok: false, code: 'data_is_required' };
  if (body.name !== undefined && typeof body.name !== 'string') return { ok: false, code: 'data_is_required' };

  return {
    ok: true,
    value: {
      name: typeof body.name === 'string' ? body.name : 'autocall',
      sendTime: typeof body.sendTime === 'number' ? body.sendTime : null,
      phones: phones as string[],
      numberCallOuts: outs as string[],
      // v1 defaults (15 calls per group, 30 s between groups); v2 documents none.
      numberCallPerTime: perTime ?? 15,
      durationOfEachCall: gap ?? 30,
      maxRetryOfDetail: retries,
      retryAfterSeconds: retryAfter,
    },
  };
}
