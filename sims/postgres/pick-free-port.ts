// A fixed port (5432) collides with a developer's own Postgres and with parallel runs; asking
// the kernel for port 0 on the loopback interface gives one that was free a moment ago.
import net from 'node:net';

export function pickFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('could not read the port picked by the kernel')),
      );
    });
  });
}
