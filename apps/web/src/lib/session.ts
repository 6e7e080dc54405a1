// The API key lives in sessionStorage only: it is gone when the tab closes, and never written to
// localStorage, a cookie or the URL.
const KEY = 'autocall.apiKey';

export function readApiKey(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function saveApiKey(apiKey: string): void {
  sessionStorage.setItem(KEY, apiKey);
}

export function clearApiKey(): void {
  sessionStorage.removeItem(KEY);
}

export function isSignedIn(): boolean {
  return readApiKey() !== undefined;
}
