import { normalizeValue } from './text.js';
import type { EntityType } from './types.js';

const PLACEHOLDER = /^<([A-Z_]+?)_(\d+)>$/;

/**
 * Everything a table holds, to store and restore it: `values` (key -> placeholder), `parts` (key of one
 * part of a full person name -> placeholder) and `counters` (the last number given per type, so that a
 * placeholder whose entries were erased is never given to somebody else).
 */
export interface PseudonymSnapshot {
  values: [string, string][];
  parts: [string, string][];
  counters: [string, number][];
}

export interface PseudonymTableOptions {
  /**
   * Applied to every key before it is stored or looked up (a keyed digest, so that a stored table holds
   * no name). Without it keys are the normalized values.
   */
  digest?: (key: string) => string;
}

/**
 * Consistent placeholders across a dataset: the same normalized value always gets the same
 * `<TYPE_n>`. Keys are the normalized value for PERSON and `TYPE:value` for other types.
 * A person named by one part only ("Dupont") reuses the placeholder of the single known full name
 * containing that part ("Jean Dupont"); a full name seen after one of its parts ("Dupont", then
 * "Jean Dupont") takes that part's placeholder unless another full name already did. Reports stay readable.
 */
export class PseudonymTable {
  private readonly map = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly personParts = new Map<string, Set<string>>();
  /** Placeholders already given to a full (multi-part) name. */
  private readonly fullNames = new Set<string>();

  private readonly digest: (key: string) => string;

  constructor(seed?: Iterable<[string, string]>, options: PseudonymTableOptions = {}) {
    this.digest = options.digest ?? ((key) => key);
    if (seed) for (const [key, placeholder] of seed) this.set(key, placeholder);
  }

  /** A table restored from `snapshot()`, with the same digest as the one that wrote it. */
  static fromSnapshot(snapshot: PseudonymSnapshot, options: PseudonymTableOptions = {}): PseudonymTable {
    const table = new PseudonymTable(undefined, options);
    for (const [key, placeholder] of snapshot.values) table.remember(key, placeholder);
    for (const [part, placeholder] of snapshot.parts) {
      table.addPart(part, placeholder);
      table.fullNames.add(placeholder);
    }
    for (const [type, n] of snapshot.counters) table.counters.set(type, Math.max(table.counters.get(type) ?? 0, n));
    return table;
  }

  /** Stores a value under its digested key; for a full person name, indexes its parts too. */
  private set(normalizedKey: string, placeholder: string): void {
    this.remember(this.digest(normalizedKey), placeholder);
    if (PLACEHOLDER.exec(placeholder)?.[1] === 'PERSON') this.indexPerson(normalizedKey, placeholder);
  }

  private remember(key: string, placeholder: string): void {
    this.map.set(key, placeholder);
    const m = PLACEHOLDER.exec(placeholder);
    if (m) this.counters.set(m[1] as string, Math.max(this.counters.get(m[1] as string) ?? 0, Number(m[2])));
  }

  private addPart(part: string, placeholder: string): void {
    let set = this.personParts.get(part);
    if (!set) this.personParts.set(part, (set = new Set()));
    set.add(placeholder);
  }

  private indexPerson(normalizedKey: string, placeholder: string): void {
    const parts = normalizedKey.split(' ');
    if (parts.length < 2) return;
    this.fullNames.add(placeholder);
    for (const part of parts) if (part.length >= 2) this.addPart(this.digest(part), placeholder);
  }

  /** The placeholder for this value, creating the next `<TYPE_n>` the first time it is seen. */
  placeholder(type: EntityType, value: string): string {
    const normalized = normalizeValue(value);
    const key = type === 'PERSON' ? normalized : `${type}:${normalized}`;
    const known = this.map.get(this.digest(key));
    if (known) return known;
    if (type === 'PERSON' && !normalized.includes(' ')) {
      const owners = this.personParts.get(this.digest(normalized));
      if (owners && owners.size === 1) {
        const [only] = owners;
        if (only) return only;
      }
    }
    if (type === 'PERSON' && normalized.includes(' ')) {
      const fromParts = new Set<string>();
      for (const part of normalized.split(' ')) {
        const p = part.length >= 2 ? this.map.get(this.digest(part)) : undefined;
        if (p) fromParts.add(p);
      }
      const [only] = fromParts;
      if (fromParts.size === 1 && only && !this.fullNames.has(only)) {
        this.set(key, only);
        return only;
      }
    }
    const n = (this.counters.get(type) ?? 0) + 1;
    const placeholder = `<${type}_${n}>`;
    this.set(key, placeholder);
    return placeholder;
  }

  /** Key -> placeholder pairs (keys are digests when the table has a digest). */
  entries(): [string, string][] {
    return [...this.map.entries()];
  }

  snapshot(): PseudonymSnapshot {
    const parts: [string, string][] = [];
    for (const [part, owners] of this.personParts) for (const placeholder of owners) parts.push([part, placeholder]);
    return { values: this.entries(), parts, counters: [...this.counters.entries()] };
  }

  get size(): number {
    return this.map.size;
  }

  toJSON(): [string, string][] {
    return this.entries();
  }
}

export function createPseudonymTable(seed?: Iterable<[string, string]>, options?: PseudonymTableOptions): PseudonymTable {
  return new PseudonymTable(seed, options);
}
