import { runService } from '@verbatim/kit';
import { createIngestion } from './app.js';
import { loadIngestionConfig } from './env.js';

const config = loadIngestionConfig();

runService('ingestion', config, ({ conn, bus, log }) => {
  const ingestion = createIngestion({ conn, bus, log, maxDepth: config.MAX_QUERY_DEPTH, importMaxBytes: config.IMPORT_MAX_BYTES });
  return { apollo: ingestion.server, relay: ingestion.relay, handlers: ingestion.handlers, routes: ingestion.routes, requestTimeoutMs: ingestion.requestTimeoutMs, tasks: [ingestion.importSweep] };
});
