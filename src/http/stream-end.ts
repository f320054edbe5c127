// When a response's body stream ends, for streams whose maker knows it (the relayed watch: its hub socket
// closes, its timeout fires, or its client goes away). The audit log asks here before it wraps a stream in a
// reader of its own to see the end: a stream that says when it ends is sent as it is. Keyed by the body
// stream, which stays the same when a Response is copied with new headers.

const ends = new WeakMap<ReadableStream, Promise<void>>();

/** `res`, whose body is known to end when `ended` settles. */
export function endsWhen(res: Response, ended: Promise<void>): Response {
  if (res.body) ends.set(res.body, ended);
  return res;
}

/** When the body of `res` ends, if its maker said; undefined otherwise. */
export function streamEnd(res: Response): Promise<void> | undefined {
  return res.body ? ends.get(res.body) : undefined;
}
