export type ExecuteByPhoneRequest = {
  name: string;
  /** Epoch milliseconds at which OMICALL should start the session. */
  sendTime: number;
  scripts: unknown[];
  /** Hotlines to call from; empty = all of the business's hotlines (the field is then omitted). */
  numberCallOuts: string[];
  /** National form, e.g. 0395187319. */
  phoneNumbers: string[];
  numberCallPerTime: number;
  durationOfEachCall: number;
};

/**
 * What happened to one executeByPhone call, from the caller's point of view:
 * - accepted: OMICALL took the batch (status_code 9999).
 * - retryable: OMICALL certainly did not take it; sending again is safe.
 * - fatal: OMICALL refused it for a reason retrying cannot fix.
 * - ambiguous: the request went out but no usable reply came back; OMICALL may have dialled.
 */
export type DispatchResult =
  | { kind: 'accepted'; sessionId: string | null; raw: unknown }
  | { kind: 'retryable'; code: string; message: string; retryAfterMs?: number }
  | { kind: 'fatal'; code: string; message: string }
  | { kind: 'ambiguous'; code: 'timeout' | 'connection_reset' | 'malformed_reply'; message: string };

type LogFn = (obj: object, msg?: string) => void;
/** The pino subset the client uses. */
export type OmicallLogger = { info: LogFn; warn: LogFn; error: LogFn; debug: LogFn };

export type OmicallClientOptions = {
  baseUrl: string;
  apiKey: string;
  /** Connect, headers and body timeout of every request (ms). Default 10,000. */
  timeoutMs?: number;
  now?: () => number;
  logger?: OmicallLogger;
};

export type OmicallClient = {
  executeByPhone(req: ExecuteByPhoneRequest): Promise<DispatchResult>;
  close(): Promise<void>;
};
