// The yardstick of `npm run bench -- page`: Express 5 answering "hello", nothing else.
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('hello');
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  // The parent reads the port from this first line.
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
