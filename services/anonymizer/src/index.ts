import { runService } from '@verbatim/kit';
import { createAnonymizer } from './app.js';
import { loadAnonymizerConfig } from './env.js';

const config = loadAnonymizerConfig();

runService('anonymizer', config, ({ conn, bus, log }) => {
  const anonymizer = createAnonymizer({ conn, bus, log, pseudonymKey: config.ANONYMIZER_PSEUDONYM_KEY, maxDepth: config.MAX_QUERY_DEPTH });
  return { apollo: anonymizer.server, relay: anonymizer.relay, handlers: anonymizer.handlers };
});
