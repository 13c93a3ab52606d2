import { SERVICES } from '@verbatim/contracts';
import mongoose, { type Connection } from 'mongoose';

/** Each service's own database, as the launcher exported them (TEST_MONGO_URL_<SERVICE>). */
export async function connectServiceDatabases(): Promise<Map<string, Connection>> {
  const conns = new Map<string, Connection>();
  for (const name of SERVICES) {
    const url = process.env[`TEST_MONGO_URL_${name.toUpperCase()}`];
    if (!url) throw new Error(`TEST_MONGO_URL_${name.toUpperCase()} is not set: run the tests with \`npm test\`.`);
    conns.set(name, await mongoose.createConnection(url).asPromise());
  }
  return conns;
}

/** Every document of every collection of every service whose JSON contains one of the needles (case-insensitive). */
export async function findMentions(conns: Map<string, Connection>, needles: string[]): Promise<Array<{ service: string; collection: string; id: unknown }>> {
  const lowered = needles.map((n) => n.toLowerCase());
  const hits: Array<{ service: string; collection: string; id: unknown }> = [];
  for (const [service, conn] of conns) {
    const collections = await conn.db!.listCollections().toArray();
    for (const { name } of collections) {
      for await (const doc of conn.db!.collection(name).find({})) {
        const json = JSON.stringify(doc).toLowerCase();
        if (lowered.some((n) => json.includes(n))) hits.push({ service, collection: name, id: doc['_id'] });
      }
    }
  }
  return hits;
}
