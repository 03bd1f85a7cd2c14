// The MongoDB wire-compatible test server (CongoDB, in memory) used by the messaging store tests.
// Listens on 127.0.0.1:$PORT (default 27117); prints "listening <port>" once it accepts connections.
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';

const port = Number(process.env.PORT || 27117);
const server = new CongoServer({ port, host: '127.0.0.1' });
await server.start();
console.log(`listening ${port}`);

const stop = async () => { await server.stop(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The tests own this process: when they go away (stdin closes), so does the server.
process.stdin.on('end', stop);
process.stdin.resume();
