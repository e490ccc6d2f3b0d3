import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { send } from './http-io';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves the built web client (web/dist) with a single-page-app fallback: a GET for a path that
 * is not a file (nor a directory with an index.html, like /docs) gets index.html, so client-side routes survive a reload. Returns false when the
 * client is not built, letting the gateway answer 404 instead.
 */
export async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<boolean> {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const candidate = resolve(root, `.${decoded}`);
  // Never outside the web root (../ in the path).
  const inside = candidate === root || candidate.startsWith(`${root}${sep}`);
  // A directory with its own index.html (web/dist/docs, the API reference) is served as such.
  const directoryIndex = join(candidate, 'index.html');
  const file = !inside
    ? index
    : (await isFile(candidate))
      ? candidate
      : decoded !== '/' && (await isFile(directoryIndex))
        ? directoryIndex
        : index;
  const body = await readFile(file);
  const immutable = file !== index && /[.-][0-9a-f]{8,}\./i.test(file);
  send(res, 200, body, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  return true;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
