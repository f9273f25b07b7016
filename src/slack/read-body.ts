import { AppError } from "../errors";

/**
 * Slack's largest requests (a view_submission with every field filled, a busy event) stay far
 * below this; anything bigger is not from Slack and is refused before it is buffered.
 */
export const MAX_SLACK_BODY_BYTES = 256 * 1024;

/** The raw request bytes, refusing bodies over `limit` without reading them whole. */
export async function readBodyWithLimit(request: Request, limit = MAX_SLACK_BODY_BYTES): Promise<Uint8Array> {
  const length = request.headers.get("content-length");
  const declared = Number(length ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  // Slack always declares the length; then one read is enough (and far cheaper than a loop),
  // and the runtime refuses a body longer than its declared length.
  if (length !== null && Number.isInteger(declared)) {
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > limit) throw tooLarge(limit);
    return body;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body is over ${limit} bytes.`);
}
