import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A TCP proxy on 127.0.0.1 to `target` (a redis:// URL), on a port of its own: cut() ends every connection
 * and refuses new ones until restart(), which listens on the same port again. Cut when the test ends.
 */
export async function startTcpProxy(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const listening = createServer((client) => {
        const upstream = tcpConnect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server = listening;
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();
  const cut = () =>
    new Promise<void>((resolve) => {
      server?.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  onTestFinished(cut);
  return { url: () => `redis://127.0.0.1:${port}`, cut, restart: listen };
}
