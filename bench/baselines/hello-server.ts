// The raw HTTP floor: a Fastify hello-world route, started as its own process exactly like the API
// (`node bench/baselines/hello-server.ts` with PORT), measured with the same load tool.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
