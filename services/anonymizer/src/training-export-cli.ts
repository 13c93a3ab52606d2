import { connectMongo, createLogger, parseConfigOrExit } from '@verbatim/kit';
import { z } from 'zod';
import { exportTrainingData } from './domain/training-export.js';

/**
 * `pnpm --silent training-export`: the training data of the anonymizer's database (MONGO_URL) as JSON
 * lines {"text","language"} on stdout; the counts on stderr. Objecting and restricted subjects are left out.
 */
const config = parseConfigOrExit('training-export', {
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, "must be the anonymizer database's mongodb:// URL"),
});
// stdout is the export itself: the kit's logger writes there, so it stays silent (failures still exit non-zero with their error on stderr).
const log = createLogger('training-export', 'silent');
const conn = await connectMongo(config.MONGO_URL, log);
try {
  const summary = await exportTrainingData(conn, (example) => {
    process.stdout.write(`${JSON.stringify(example)}\n`);
  });
  process.stderr.write(`${summary.exported} texts exported, ${summary.leftOut} left out (restricted, objecting or erased subjects)\n`);
} finally {
  await conn.close();
}
