import { fieldsHeldBy, isPortable, loadDataMap, RIGHTS_ACCESS_SECTION, type HolderName, type RightsAccessSection, type RightsRequestOpened, type SubjectType } from '@verbatim/contracts';
import type { EventBus } from '../kafka/bus.js';
import type { RightsStrategy } from './execution.js';

type Document = Record<string, unknown>;

/** The subject's documents of one collection, already limited to the subject (e.g. their own membership only). */
export type AccessFinder = (request: RightsRequestOpened) => Promise<readonly object[]>;
/** Per subject type, a finder per collection that the data map declares for this holder. */
export type AccessFinders = Partial<Record<SubjectType, Record<string, AccessFinder>>>;

const read = (doc: unknown, path: string[]): unknown => {
  if (doc === null || doc === undefined || !path.length) return doc;
  if (Array.isArray(doc)) return doc.map((d) => read(d, path));
  return typeof doc === 'object' ? read((doc as Document)[path[0]!], path.slice(1)) : undefined;
};

function write(target: Document, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (!rest.length) return void (target[head!] = value);
  target[head!] = (target[head!] as Document | undefined) ?? {};
  write(target[head!] as Document, rest, value);
}

/** JSON-safe: dates as ISO strings, like every other date the platform shows. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/**
 * Keeps a document's `_id` and the data map's declared personal fields of its collection, nothing else:
 * a field that is not declared never leaves the holder, so the data map is what an access answer shows.
 */
export function projectDeclared(doc: object, paths: readonly string[]): Document {
  const out: Document = { _id: (doc as Document)['_id'] };
  for (const path of paths) {
    const value = read(doc, path.split('.'));
    if (value !== undefined) write(out, path.split('.'), plain(value));
  }
  return out;
}

/**
 * The ACCESS strategy of a holder: each finder reads the subject's documents of one collection; the
 * declared fields are sent to rights as rights.access-section.v1 (before the acknowledgement, which the
 * kit's handler writes afterwards; a redelivery sends the section again and rights keeps one per holder).
 * Counts are the documents exported per collection.
 * The same strategy answers PORTABILITY (Art. 20): the section then holds the portable fields only
 * (isPortable), and a collection with none is left out, so what is not portable never leaves the holder.
 */
export function accessStrategy(deps: { service: HolderName; bus: Pick<EventBus, 'publish'>; finders: AccessFinders }): RightsStrategy {
  const map = loadDataMap();
  return async (request) => {
    const finders = deps.finders[request.subjectType] ?? {};
    const portability = request.kind === 'PORTABILITY';
    const declared = fieldsHeldBy(map, deps.service, request.subjectType).filter((f) => !portability || isPortable(f));
    const collections: RightsAccessSection['collections'] = [];
    for (const [collection, find] of Object.entries(finders)) {
      const paths = declared.filter((f) => f.collection === collection).map((f) => f.path);
      if (portability && !paths.length) continue;
      collections.push({ collection, documents: (await find(request)).map((doc) => projectDeclared(doc, paths)) });
    }
    await deps.bus.publish(RIGHTS_ACCESS_SECTION, request.requestId, {
      requestId: request.requestId,
      service: deps.service,
      subjectType: request.subjectType,
      collections,
      exportedAt: new Date().toISOString(),
    });
    return collections.map((c) => ({ collection: c.collection, action: 'EXPORTED' as const, count: c.documents.length }));
  };
}
