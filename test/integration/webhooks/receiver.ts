import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawBody: string;
  readonly event: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** A webhook receiver on 127.0.0.1 that records every request and answers `status()`. */
export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  respondWith(status: number): void;
  close(): Promise<void>;
}

export async function startReceiver(initialStatus = 200): Promise<Receiver> {
  let status = initialStatus;
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      try {
        received.push({ headers: req.headers, rawBody, event: JSON.parse(rawBody) as Received['event'] });
      } catch {
        received.push({
          headers: req.headers,
          rawBody,
          event: { id: '', type: '', createdAt: '', data: {} },
        });
      }
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respondWith: (next) => {
      status = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
