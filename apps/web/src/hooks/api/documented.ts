// A reply type from the OpenAPI document, or `Fallback` while the route does not document its
// reply yet (the generated type is then `undefined`). The contract branch documents every reply;
// after it lands each fallback is unused and the generated type wins.
export type Documented<Generated, Fallback> = [Generated] extends [undefined] ? Fallback : Generated;
