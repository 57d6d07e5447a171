import type { ModelCache } from '../intents/model-cache';

/**
 * Where the shared answer reader loads its trained networks from and keeps
 * them. A module of its own so that start-up can say where (the server passes
 * the intents' cache: dist/models, then DATA_DIR/models) without loading the
 * reader itself, which is built on first use.
 */
let models: ModelCache | undefined;

/** Takes effect if the shared reader has not been built yet. */
export function useReaderModels(cache: ModelCache): void {
  models = cache;
}

export function readerModels(): ModelCache | undefined {
  return models;
}
