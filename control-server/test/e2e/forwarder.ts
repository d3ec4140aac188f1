import net from 'node:net';

/**
 * A fixed address in front of the server: a restarted test server gets a new port, but the
 * projector's page must find it where it was, as it would on the evening. While pointed nowhere
 * (`to(null)`) every connection is dropped at once, as a server that is down would refuse it.
 */
export async function forwarder(): Promise<{
  url: string;
  to: (port: number | null) => void;
  close: () => void;
}> {
  let target: number | null = null;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (target === null) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    to: (p) => {
      target = p;
      if (p === null) for (const s of open) s.destroy();
    },
    close: () => {
      for (const s of open) s.destroy();
      server.close();
    },
  };
}

/**
 * A page's console errors less the browser's own notes about a server that is away (refused or
 * dropped connections, the failed WebSocket handshake): those are Chromium's, not the page's, and
 * no page can keep the browser from logging them.
 */
export function pageErrorsBesidesNetwork(errors: readonly string[]): string[] {
  return errors.filter(
    (e) =>
      !/net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|SOCKET_NOT_CONNECTED|EMPTY_RESPONSE)|WebSocket connection|socket\.io/i.test(
        e,
      ),
  );
}
