import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** A port this test process holds (on one the OS picked), and how tfui should name its holder. */
export interface HeldPort {
  port: number;
  /** `P in use by node (pid N)`: this process, as /proc names it. */
  holder: string;
  close(): Promise<void>;
}

export async function holdPort(): Promise<HeldPort> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const name = readFileSync('/proc/self/comm', 'latin1').trim();
  return { port, holder: `${port} in use by ${name} (pid ${process.pid})`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
