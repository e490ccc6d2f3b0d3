import { createServer } from 'node:net';

/** Loopback address every emulator binds to: explicit IPv4 so URLs never depend on how `localhost` resolves. */
export const LOOPBACK = '127.0.0.1';

/**
 * A port the OS reports free right now. There is a short window before the emulator binds it,
 * so callers retry on a bind failure (see the emulators' start functions).
 */
export function findFreePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('No free port found'))));
    });
  });
}

/** True when nothing listens on `port` (used to fall back from a preferred default port). */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, host, () => server.close(() => resolveFree(true)));
  });
}

/** The preferred port when it is free, any free port otherwise. */
export async function preferredOrFreePort(preferred: number | undefined): Promise<number> {
  if (preferred !== undefined && preferred > 0 && (await isPortFree(preferred))) return preferred;
  return findFreePort();
}
