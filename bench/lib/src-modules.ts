/**
 * Firebreak's own code, loaded at run time by path (tsx compiles it). A static import would pull
 * src/ into tsconfig.node.json's program, where Node's DOM typings reject code that is correct
 * under workers-types (Uint8Array<ArrayBufferLike> as a BufferSource). Callers name the few
 * functions they use; a changed signature then fails the bench's setup or sample check loudly.
 */
import { pathToFileURL } from "node:url";
import { projectPath } from "./project";

export function fromSrc<T>(path: string): Promise<T> {
  return import(pathToFileURL(projectPath(`src/${path}`)).href);
}
