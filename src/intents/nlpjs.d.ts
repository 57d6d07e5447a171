/** The small part of nlp.js (which ships no types) that the recogniser uses. */
declare module '@nlpjs/core-loader' {
  interface NlpClassification {
    intent: string;
    score: number;
  }
  interface NlpResult {
    intent: string;
    score: number;
    classifications: NlpClassification[];
  }
  interface Nlp {
    settings: Record<string, unknown>;
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
  interface Container {
    get(name: 'nlp'): Nlp;
    get(name: string): unknown;
    use(plugin: unknown): void;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
