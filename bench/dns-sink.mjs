// A DNS server that never answers: reads every query on 127.0.0.1:53 (UDP and TCP) and stays
// silent. Runs inside the bench's network namespace; prints "ready" once bound and the number of
// queries it swallowed when told to stop (SIGTERM).
import dgram from 'node:dgram';
import net from 'node:net';

let queries = 0;
const udp = dgram.createSocket('udp4');
udp.on('message', () => (queries += 1));
const tcp = net.createServer((socket) => {
  queries += 1;
  socket.on('error', () => undefined);
});
await new Promise((resolve) => udp.bind(53, '127.0.0.1', resolve));
await new Promise((resolve) => tcp.listen(53, '127.0.0.1', resolve));
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  process.stdout.write(`queries ${queries}\n`, () => process.exit(0));
});
