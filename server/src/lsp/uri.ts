import { fileURLToPath } from 'node:url';

/** A document URI as a file path ("untitled:Untitled-1" becomes "/Untitled-1", so it still has a folder). */
export function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z-]+:\/*/i, '/')); } catch { return uri; }
}
