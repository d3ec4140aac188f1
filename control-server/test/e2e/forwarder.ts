import net from 'node:net';

/**
 * A fixed address in front of the server: a restarted test server gets a new port, but the
 * projector's page must find it where it was, as it would on the evening. While pointed nowhere
 * (`to(null)`) every connection is dropped at once, as a server that is down would refuse it.
 * In front of PostgreSQL it can also `hold()` new connections (let through by `letThrough()`): a
 * database slow to answer after a restart, on demand; connections already through are untouched.
 */
export async function forwarder(initial: number | null = null): Promise<{
  url: string;
  port: number;
  to: (port: number | null) => void;
  hold: () => void;
  letThrough: () => void;
  /** Connections waiting at a hold. */
  waiting: () => number;
  /** The local ports of its connections to the target: `client_port` of PostgreSQL's processes. */
  upstreamPorts: () => number[];
  close: () => void;
}> {
  let target = initial;
  let holding = false;
  const held: net.Socket[] = [];
  const open = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const through = (client: net.Socket) => {
    if (target === null) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    track(upstream);
    // Either side gone, the other goes too: a pipe alone leaves the far side open on an error.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  };
  const server = net.createServer((client) => {
    track(client);
    if (holding) held.push(client);
    else through(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    to: (p) => {
      target = p;
      if (p === null) for (const s of open) s.destroy();
    },
    hold: () => void (holding = true),
    letThrough: () => {
      holding = false;
      held.splice(0).forEach(through);
    },
    waiting: () => held.length,
    upstreamPorts: () => [...upstreams].map((s) => s.localPort).filter((p): p is number => p !== undefined),
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
