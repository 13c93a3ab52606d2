import type { Recognizer } from './recognizer.js';
import type { Language } from './types.js';

/** Name-keyed registry of recognizers; the engine asks it for those that run in a language. */
export class RecognizerRegistry {
  private readonly byName = new Map<string, Recognizer>();

  add(recognizer: Recognizer): this {
    if (this.byName.has(recognizer.name)) throw new Error(`recognizer "${recognizer.name}" is already registered; remove it first or pick another name`);
    this.byName.set(recognizer.name, recognizer);
    return this;
  }

  remove(name: string): boolean {
    return this.byName.delete(name);
  }

  get(name: string): Recognizer | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  forLanguage(language: Language): Recognizer[] {
    return [...this.byName.values()].filter((r) => r.languages.includes(language));
  }
}
