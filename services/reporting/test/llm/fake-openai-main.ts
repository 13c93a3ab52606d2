// Runs the fake OpenAI-compatible endpoint as a process of the test stack (deploy/local, test profile), so
// end-to-end tests exercise the LLM backend through the gateway without reaching any real provider.
import { startFakeOpenAiServer } from './fake-openai-server.js';

const port = Number(process.env['PORT'] ?? '0');
const fake = await startFakeOpenAiServer(port);
process.stdout.write(`fake OpenAI-compatible endpoint at ${fake.baseUrl}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
