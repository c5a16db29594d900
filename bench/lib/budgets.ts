// The performance budgets of issue #9, in one place: `npm run bench` compares every figure with
// these, and the first-load guard (e2e/bundle-budget.spec.ts) enforces the first one in CI.
export const budgets = {
  /** Gzipped first-load JavaScript of the chat routes. */
  firstLoadKiB: 250,
  /** App-added latency from pressing send to the first token painted, minus the upstream's delay. */
  firstTokenP50Ms: 30,
  firstTokenP95Ms: 80,
  /** Thinking: wall time / (plan + slowest agent + synthesis), within the concurrency limit. */
  thinkingRatio: 1.1,
  /** A chat of 1,000 stored messages: until the last message is visible and interactive. */
  longChatOpenMs: 1500,
  /** The longest main-thread task while a 2,000-token answer streams at the end of that chat. */
  longChatLongestTaskMs: 50,
  /** Server time to validate, re-encode and thumbnail a 12-megapixel JPEG. */
  imageMs: 400,
  /** First page of the history of 10,000 chats. */
  historyFirstPageMs: 50,
} as const;
