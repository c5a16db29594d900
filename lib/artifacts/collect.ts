// Artifacts as the conversation tells them: every create_artifact / update_artifact tool part of
// the messages, grouped into artifacts with their versions in order. The chat, a reload and a shared
// chat all derive the panel from the same messages, so they show the same thing.
import { artifactKinds, type ArtifactKind, type ArtifactToolPart, type FlintPart, type FlintUIMessage } from '@/lib/types';

export type ArtifactVersionState = 'streaming' | 'saving' | 'saved' | 'error';

export interface ArtifactVersionView {
  /** The tool call that wrote this version: stable from its first streamed byte. */
  key: string;
  messageId: string;
  /** Known once saved (an update knows it from its input as soon as the id has streamed). */
  artifactId?: string;
  version?: number;
  title: string;
  kind?: ArtifactKind;
  content: string;
  state: ArtifactVersionState;
  error?: string;
  /** The user's message the answer replied to: what asked for this version. */
  prompt?: string;
  createdAt?: number;
  /**
   * An update whose target's id has not streamed yet: until it has, it stands alone as if it were
   * an artifact of its own, then joins its artifact's versions.
   */
  awaitingTarget?: true;
}

export interface ArtifactView {
  /** Its first version's key: stable from the first streamed byte, before the artifact has an id. */
  key: string;
  artifactId?: string;
  title: string;
  kind?: ArtifactKind;
  versions: ArtifactVersionView[];
}

export function isArtifactToolPart(part: FlintPart): part is ArtifactToolPart {
  return part.type === 'tool-create_artifact' || part.type === 'tool-update_artifact';
}

function asKind(value: unknown): ArtifactKind | undefined {
  return typeof value === 'string' && (artifactKinds as readonly string[]).includes(value) ? (value as ArtifactKind) : undefined;
}

function stateOf(part: ArtifactToolPart): ArtifactVersionState {
  switch (part.state) {
    case 'output-available':
      return 'saved';
    case 'output-error':
    case 'output-denied':
      return 'error';
    case 'input-streaming':
      return 'streaming';
    default:
      return 'saving';
  }
}

/** What one tool part says about its version, whatever state it is in. */
export function versionOfPart(part: ArtifactToolPart, messageId: string): ArtifactVersionView {
  const input = (part.input ?? {}) as { id?: unknown; title?: unknown; kind?: unknown; content?: unknown };
  const output = part.state === 'output-available' ? part.output : undefined;
  const artifactId = output?.artifactId ?? (part.type === 'tool-update_artifact' && typeof input.id === 'string' ? input.id : undefined);
  return {
    key: part.toolCallId,
    messageId,
    artifactId,
    ...(part.type === 'tool-update_artifact' && !artifactId ? { awaitingTarget: true as const } : {}),
    version: output?.version,
    title: output?.title ?? (typeof input.title === 'string' ? input.title : ''),
    kind: output?.kind ?? asKind(input.kind),
    content: typeof input.content === 'string' ? input.content : '',
    state: stateOf(part),
    ...(part.state === 'output-error' ? { error: part.errorText } : {}),
  };
}

function textOf(message: FlintUIMessage) {
  return message.parts
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join(' ')
    .trim();
}

export function collectArtifacts(messages: FlintUIMessage[]): ArtifactView[] {
  const artifacts: ArtifactView[] = [];
  // Runs on every streamed frame of a chat that may hold a thousand messages: the question's text
  // is only put together for the few answers that hold an artifact.
  let question: FlintUIMessage | undefined;
  for (const message of messages) {
    if (message.role === 'user') {
      question = message;
      continue;
    }
    let prompt: string | undefined;
    // An answer that ended (stopped, failed, cut off by a restart) leaves no version half-written.
    const status = message.metadata?.status;
    const ended = status !== undefined && status !== 'streaming' && status !== 'done';
    for (const part of message.parts) {
      if (!isArtifactToolPart(part)) continue;
      prompt ??= question ? textOf(question) : undefined;
      const version: ArtifactVersionView = { ...versionOfPart(part, message.id), prompt, createdAt: message.metadata?.createdAt };
      if (ended && (version.state === 'streaming' || version.state === 'saving')) {
        version.state = 'error';
        version.error = status === 'stopped' ? 'the answer was stopped before it was finished' : 'the answer ended before it was finished';
      }
      const existing =
        part.type === 'tool-update_artifact' && version.artifactId ? artifacts.find((a) => a.artifactId === version.artifactId) : undefined;
      if (existing) {
        version.kind ??= existing.kind;
        if (!version.title) version.title = existing.title;
        existing.versions.push(version);
        if (version.state !== 'error') existing.title = version.title || existing.title;
        continue;
      }
      artifacts.push({
        key: version.key,
        artifactId: version.artifactId,
        title: version.title,
        kind: version.kind,
        versions: [version],
      });
    }
  }
  return artifacts;
}

/** A saved version as a shared snapshot holds it (shared chats serve their artifacts from the snapshot). */
export function findSavedVersion(messages: FlintUIMessage[], artifactId: string, version: number) {
  for (const artifact of collectArtifacts(messages)) {
    if (artifact.artifactId !== artifactId) continue;
    const found = artifact.versions.find((v) => v.state === 'saved' && v.version === version);
    if (found && found.kind) return { title: found.title, kind: found.kind, content: found.content };
  }
  return undefined;
}

/** How an artifact tool call reads in the history a model is given (its content is in the instructions). */
export function describeArtifactPart(part: ArtifactToolPart): string | undefined {
  const view = versionOfPart(part, '');
  if (view.state === 'saved') {
    const verb = part.type === 'tool-create_artifact' ? 'Created' : 'Updated';
    return `[${verb} artifact "${view.title}" (id: ${view.artifactId}, kind: ${view.kind}, version ${view.version}); the user sees it in the artifact panel.]`;
  }
  if (view.state === 'error') return `[An artifact tool call failed: ${view.error ?? 'unknown error'}]`;
  return undefined;
}

const sameFields = <T extends object>(a: T, b: T) => {
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/**
 * `next` if it differs from `previous`, else `previous` itself: the artifacts of a chat are
 * collected again on every streamed frame, and handing out an equal list as the same object keeps
 * everything that depends on it (the workspace's context, the whole message list) from updating.
 */
export function keepIfUnchanged(previous: ArtifactView[] | undefined, next: ArtifactView[]): ArtifactView[] {
  if (!previous || previous.length !== next.length) return next;
  const same = previous.every((artifact, i) => {
    const other = next[i]!;
    const { versions, ...rest } = artifact;
    const { versions: otherVersions, ...otherRest } = other;
    return sameFields(rest, otherRest) && versions.length === otherVersions.length && versions.every((v, j) => sameFields(v, otherVersions[j]!));
  });
  return same ? previous : next;
}
