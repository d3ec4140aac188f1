import net from 'node:net';

/**
 * A TCP door in front of PostgreSQL that can keep new connections waiting: a database slow to answer
 * after a restart, on demand. Connections already through are untouched.
 */
export function slowDoor(target: number) {
  let holding = false;
  const waiting: net.Socket[] = [];
  const sockets = new Set<net.Socket>();
  const outsides = new Set<net.Socket>();
  const through = (inside: net.Socket) => {
    const outside = net.connect(target, '127.0.0.1');
    outsides.add(outside);
    outside.on('close', () => outsides.delete(outside));
    for (const s of [inside, outside]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inside.on('close', () => outside.destroy());
    outside.on('close', () => inside.destroy());
    inside.pipe(outside).pipe(inside);
  };
  const server = net.createServer((inside) => {
    sockets.add(inside);
    if (holding) waiting.push(inside);
    else through(inside);
  });
  return {
    server,
    hold: () => void (holding = true),
    waiting: () => waiting.length,
    /** The local ports of its connections to PostgreSQL: `client_port` of their server processes. */
    ports: () => [...outsides].map((s) => s.localPort).filter((p): p is number => p !== undefined),
    letThrough() {
      holding = false;
      waiting.splice(0).forEach(through);
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
