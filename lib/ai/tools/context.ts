// What an artifact tool needs to know about the request it runs in.
export interface ArtifactToolContext {
  userId: string;
  chatId: string;
  /** The assistant message being written: each version records which message made it. */
  messageId: string;
}

/** The largest artifact Flint stores (characters). A game or dashboard is typically 5–30 k. */
export const MAX_ARTIFACT_CHARS = 200_000;
