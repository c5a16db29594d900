// Every environment variable Flint reads, parsed once with zod. Nothing else reads process.env.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalUrl = optionalString.pipe(
  z
    .string()
    .url({ message: 'must be a URL such as http://127.0.0.1:8080/v1' })
    .optional(),
);

const modelRef = optionalString.pipe(
  z
    .string()
    .regex(/^[a-z-]+:.+$/, { message: 'must look like provider:model-id, e.g. openai:gpt-5.4-mini' })
    .optional(),
);

const positiveInt = (fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a positive whole number' });
      return z.NEVER;
    }
    return n;
  });

const nonNegativeInt = (fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number (0 for no limit)' });
      return z.NEVER;
    }
    return n;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  FLINT_DATA_DIR: z.string().trim().default('./data'),

  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GOOGLE_GENERATIVE_AI_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
  OPENAI_COMPATIBLE_API_KEY: optionalString,
  OPENAI_COMPATIBLE_MODELS: optionalString,
  OLLAMA_BASE_URL: optionalUrl,
  /** Set to "off" to skip looking for a local Ollama at startup. */
  FLINT_OLLAMA_PROBE: z.enum(['on', 'off']).default('on'),

  FLINT_INSTANT_MODEL: modelRef,
  FLINT_THINKING_MODEL: modelRef,
  FLINT_WORKER_MODEL: modelRef,
  FLINT_VISION_MODEL: modelRef,
  FLINT_PLANNER_MODEL: modelRef,
  FLINT_SYNTHESIZER_MODEL: modelRef,
  FLINT_TITLE_MODEL: modelRef,
  FLINT_FALLBACK_MODELS: optionalString,

  /** A model that has not sent its first token after this long is abandoned for the next in the chain. */
  FLINT_FIRST_TOKEN_TIMEOUT_MS: positiveInt(30_000),
  /** Pace of the built-in offline model. */
  FLINT_OFFLINE_TOKENS_PER_SECOND: positiveInt(60),
  FLINT_MAX_MESSAGE_CHARS: positiveInt(32_000),

  /**
   * Image storage: the local disk under FLINT_DATA_DIR unless S3_BUCKET names an S3-compatible
   * bucket (AWS S3, MinIO, Cloudflare R2, Backblaze B2…). Without S3_ACCESS_KEY_ID the AWS SDK's
   * usual credential chain applies (AWS_* variables, instance roles).
   */
  S3_BUCKET: optionalString,
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().trim().default('us-east-1'),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style addressing (`endpoint/bucket/key`); on by default when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** Prepended to every object key, e.g. `flint/`. */
  S3_PREFIX: z.string().trim().default(''),

  /** Signs sessions. When unset Flint generates one on first start and keeps it in the database. */
  BETTER_AUTH_SECRET: optionalString,
  /** The address people use to reach Flint (e.g. https://chat.example.com). https makes cookies Secure. */
  FLINT_PUBLIC_URL: optionalUrl,
  FLINT_SESSION_DAYS: positiveInt(30),
  /** Messages per rolling 24 hours; 0 turns the limit off. */
  FLINT_GUEST_MESSAGES_PER_DAY: nonNegativeInt(20),
  FLINT_USER_MESSAGES_PER_DAY: nonNegativeInt(50),
  /** Sign-in, sign-up and password changes per minute from one address. */
  FLINT_LOGIN_ATTEMPTS_PER_MINUTE: positiveInt(5),
  /** New guest accounts per minute from one address. */
  FLINT_GUESTS_PER_MINUTE: positiveInt(20),

  /** Thinking runs: at most this many sub-agents per run (the planner is told; extra subtasks are dropped). */
  FLINT_THINKING_MAX_AGENTS: positiveInt(6),
  /** Thinking runs: sub-agents working at the same time; the rest wait their turn. */
  FLINT_THINKING_CONCURRENCY: positiveInt(4),
  /** Thinking runs: output tokens (reasoning included) one sub-agent may write. */
  FLINT_THINKING_AGENT_MAX_TOKENS: positiveInt(4000),
  /** Thinking runs: wall time of a whole run; sub-agents get 75 % of it, the synthesis the rest. */
  FLINT_THINKING_MAX_SECONDS: positiveInt(300),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses the environment once; a bad value fails loudly with the variable's name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Flint's configuration is invalid:\n${lines.join('\n')}\nFix these environment variables (see .env.example).`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetEnvForTests() {
  cached = undefined;
}
