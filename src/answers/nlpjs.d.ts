/** The small parts of nlp.js (which ships no types) that the answer reader drives directly, synchronously. */
declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    stem(word: string): string;
  }
}

declare module '@nlpjs/neural' {
  export type NeuralSettings = { iterations?: number; errorThresh?: number; learningRate?: number; momentum?: number; alpha?: number; log?: boolean };
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: { input: Record<string, number>; output: Record<string, number> }[]): { iterations: number; error: number };
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class StopwordsEn {
    isStopword(word: string): boolean;
  }
}
