// A tiny web server on $PORT that answers with its instance name ($PS).
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 5000);
const server = createServer((request, response) => {
  console.log(`\x1b[2m${new Date().toISOString()}\x1b[0m \x1b[32m${request.method}\x1b[0m ${request.url}`);
  response.end(`${process.env.GREETING ?? 'Hello'}: this is ${process.env.PS} on port ${port}\n`);
});
server.listen(port, () => console.log(`${process.env.PS} listening on http://localhost:${port}`));
process.on('SIGTERM', () => {
  console.log('SIGTERM: closing the server');
  server.close(() => process.exit(0));
});
