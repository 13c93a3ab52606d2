// Creates every topic of schemas/events/topics.json (and its .dlq) on KAFKA_BROKERS, then exits.
// The one-shot topic job of docker-compose.yml; deploy/local does the same inside its start sequence.
import { createTopics } from './kafka.js';

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
if (!brokers.length) {
  process.stderr.write('KAFKA_BROKERS is not set (e.g. KAFKA_BROKERS=kafka:9092).\n');
  process.exit(78);
}
const created = await createTopics(brokers, 60_000);
process.stdout.write(created.length ? `created ${created.length} topics: ${created.join(', ')}\n` : 'all topics exist\n');
