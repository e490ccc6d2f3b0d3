import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Unavailable } from '../../shared/platform/errors';
import { LOOPBACK } from '../ports';
import type { GatewayApp } from './app';
import { sendJson, sendProblem } from './http-io';

/**
 * How long an idle keep-alive socket stays open. Node's default (5 s) races clients whose own idle
 * timer fires late under load (a test worker compiling its next file): they reuse a socket the
 * server has just closed and the request fails with "other side closed". API Gateway and load
 * balancers keep idle connections for a minute or more; so does the local gateway.
 */
const IDLE_SOCKET_MS = 65_000;

/** The port is taken: start.ts turns this into a one-line hint. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

export interface GatewayServer {
  /** The bound port (the OS's pick when asked for 0). */
  readonly port: number;
  /** Routes requests to `app` from now on; until then everything answers 503 "starting". */
  setApp(app: GatewayApp): void;
  close(): Promise<void>;
}

/**
 * Binds the gateway's port first, before the emulators start, so that the port (and with it
 * every URL the runtime exports) is known up front, a busy port fails fast, and /health says
 * 503 while the rest comes up. Listens on loopback only: the /dev endpoints must not be
 * reachable from the network. IPv6 loopback is added when available so `localhost` works
 * whichever address it resolves to first.
 */
export async function listenGateway(port: number): Promise<GatewayServer> {
  let app: GatewayApp | undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (app) return app.onRequest(req, res);
    res.setHeader('retry-after', '1');
    if (req.url === '/health') return sendJson(res, 503, { status: 'starting', services: {} });
    sendProblem(
      res,
      new Unavailable('service_unavailable', 'Starting', { detail: 'The local runtime is starting.' }),
    );
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (app) return app.onUpgrade(req, socket, head);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
  const make = () => {
    const server = createServer(onRequest).on('upgrade', onUpgrade);
    // Keep idle sockets longer than any client pools them (see IDLE_SOCKET_MS).
    server.keepAliveTimeout = IDLE_SOCKET_MS;
    server.headersTimeout = IDLE_SOCKET_MS + 1_000;
    return server;
  };

  const primary = make();
  const boundPort = await listen(primary, port, LOOPBACK);
  const servers: Server[] = [primary];
  const secondary = make();
  try {
    await listen(secondary, boundPort, '::1');
    servers.push(secondary);
  } catch (error) {
    // Someone else on [::1]:port would answer for `localhost` on dual-stack machines: refuse.
    if (error instanceof PortInUseError && port !== 0) {
      await new Promise((resolveClose) => primary.close(resolveClose));
      throw error;
    }
    // Otherwise there is no IPv6 loopback here: 127.0.0.1 alone serves localhost.
  }

  return {
    port: boundPort,
    setApp(next) {
      app = next;
    },
    async close() {
      await app?.close();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolveClose) => {
              server.close(() => resolveClose());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}
