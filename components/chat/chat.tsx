'use client';
import type { FileUIPart } from 'ai';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { getQuota, listRecentChats, setTemporaryChat, stopChatGeneration } from '@/app/(chat)/actions';
import { ArtifactWorkspace } from '@/components/artifacts/artifact-workspace';
import { imagePart } from '@/lib/files/image-parts';
import { AUTO_MODEL, useFlintStore, useFlintStoreApi, selectEffectiveModel, type Attachment } from '@/lib/store';
import type { AgentDeltaData, FlintUIMessage } from '@/lib/types';
import { ActionChatTransport, ChatActionError } from './action-transport';
import { ChatActionsContext, type ChatActions } from './chat-context';
import type { ChatEngineProps, EngineApi, EngineState } from './chat-engine';
import { Composer } from './composer';
import { DropZone } from './drop-zone';
import { EmptyState } from './empty-state';
import { preloadMarkdown } from './markdown';
import { MessageList } from './message-list';
import { QuotaBanner } from './quota-banner';

export interface ChatProps {
  id: string;
  title?: string | null;
  initialMessages: FlintUIMessage[];
  /** The server is still writing an answer in this chat: rejoin it. */
  generating?: boolean;
  /** A chat that does not exist on the server yet (the / page). */
  isNew?: boolean;
  /** The server's signature of a new chat's id, sent with its first message. */
  newChatToken?: string;
  /** A temporary chat neither reads nor writes memory. */
  temporary?: boolean;
}

/** Errors after which the user's message was not saved: it goes back into the box. */
const UNSAVED_CODES = new Set(['busy', 'quota', 'bad_request', 'empty_message', 'message_too_long', 'internal', 'database', 'no_vision', 'too_many']);

const noopSubscribe = () => () => {};

/** A question still being written is read for again after this long (the server holds reads for a minute). */
const PREPARE_AGAIN_AFTER_MS = 40_000;

const ChatEngine = lazy(() => import('./chat-engine'));

/** Runs `run` in a task of its own, once every pending microtask has run (no timer clamping). */
function afterMicrotasks(run: () => void) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(null);
}

/** A promise of the engine's actions, settled once it runs (chat-engine.tsx). */
function engineHandle() {
  let running = false;
  let ready!: (api: EngineApi) => void;
  const api = new Promise<EngineApi>((resolve) => (ready = resolve));
  return {
    api,
    ready: (engine: EngineApi) => ((running = true), ready(engine)),
    /** Whether the engine runs already (a send then goes out at once). */
    running: () => running,
  };
}

export function Chat({ id, initialMessages, generating = false, isNew = false, newChatToken, temporary: initiallyTemporary = false }: ChatProps) {
  const store = useFlintStoreApi();
  const touchChat = useFlintStore((s) => s.touchChat);
  const setChatTitle = useFlintStore((s) => s.setChatTitle);
  const [draft, setDraft] = useState('');
  const [sendError, setSendError] = useState<string>();
  const lastSent = useRef<{ text: string; attachments: Attachment[] }>({ text: '', attachments: [] });
  const urlUpdated = useRef(!isNew);
  const appendAgentDeltas = useFlintStore((s) => s.appendAgentDeltas);
  const clearLiveAgents = useFlintStore((s) => s.clearLiveAgents);
  // Sub-agent output arrives token by token from several agents at once: apply it once per frame.
  const pendingDeltas = useRef<AgentDeltaData[]>([]);
  const queueDelta = useCallback(
    (delta: AgentDeltaData) => {
      if (pendingDeltas.current.push(delta) > 1) return;
      requestAnimationFrame(() => {
        const batch = pendingDeltas.current;
        pendingDeltas.current = [];
        appendAgentDeltas(batch);
      });
    },
    [appendAgentDeltas],
  );
  const [temporary, setTemporary] = useState(initiallyTemporary);
  // Opened while an answer is being written (reload, second tab, back from another chat): until the
  // reconnect answers, the answer counts as in progress rather than cut off.
  const [awaitingResume, setAwaitingResume] = useState(generating);
  // Joined a run that was already being written (tests look for data-run-reattached).
  const [reattached, setReattached] = useState(false);
  // What the engine holds; until it has loaded, the messages the page was rendered with.
  const [{ messages, status }, setEngineState] = useState<EngineState>({ messages: initialMessages, status: 'ready' });
  const [engine] = useState(engineHandle);

  const transport = useMemo(
    () =>
      new ActionChatTransport(
        () => {
          const state = store.getState();
          const model = selectEffectiveModel(state);
          return {
            mode: state.mode,
            model: model === AUTO_MODEL ? undefined : model,
            signedIn: Boolean(state.viewer && !state.viewer.isGuest),
            newChatToken,
          };
        },
        () => store.setState({ viewer: { name: 'Guest', email: null, isGuest: true } }),
        (live, latest) => {
          setAwaitingResume(false);
          if (live) return setReattached(true);
          store.getState().setGenerating(id, false);
          // The answer ended between rendering the page and rejoining it: show it as saved.
          if (latest) void engine.api.then((api) => api.setMessages((current) => replaceOrAppend(current, latest)));
        },
      ),
    [store, newChatToken, id, engine],
  );

  const engineCallbacks: Pick<ChatEngineProps, 'onData' | 'onFinish' | 'onError'> = {
    onData: (part) => {
      if (part.type === 'data-chat-title') setChatTitle(part.data.chatId, part.data.title);
      else if (part.type === 'data-quota') store.getState().setQuota({ ...part.data });
      else if (part.type === 'data-agent-delta') queueDelta(part.data);
    },
    onFinish: () => {
      // The saved snapshots are complete now; the streamed copies are no longer needed.
      pendingDeltas.current = [];
      clearLiveAgents();
      void listRecentChats().then((result) => result.ok && store.getState().mergeTitles(result.value.chats));
    },
    onError: (error) => {
      if (error instanceof ChatActionError) {
        setSendError(error.message);
        if (error.code === 'quota') void getQuota().then((result) => result.ok && store.getState().setQuota(result.value));
        if (UNSAVED_CODES.has(error.code)) {
          // Nothing was saved: take the message back out of the list and put it back in the box,
          // with its images.
          void engine.api.then((api) => api.setMessages((current) => (current.at(-1)?.role === 'user' ? current.slice(0, -1) : current)));
          setDraft((current) => current || lastSent.current.text);
          const state = store.getState();
          if (state.attachments.length === 0) state.addAttachments(lastSent.current.attachments);
        }
      } else {
        setSendError('The connection to the server was lost. Your messages are saved; reload the page to see the latest answer.');
      }
    },
  };
  const onEngineReady = useCallback((api: EngineApi) => engine.ready(api), [engine]);
  const busy = status === 'submitted' || status === 'streaming' || awaitingResume;
  // The sidebar marks this chat while its answer is written; it goes when the answer ends.
  const setGenerating = useFlintStore((s) => s.setGenerating);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy) setGenerating(id, true);
    else if (wasBusy.current) setGenerating(id, false);
    wasBusy.current = busy;
  }, [busy, id, setGenerating]);
  const busyRef = useRef(busy);
  useEffect(() => {
    busyRef.current = busy;
  }, [busy]);
  // While a question is typed the server reads what its send will need (the chat, its history,
  // preferences, memories, artifacts: lib/runs/prepared.ts), so the send only counts the message
  // and asks the model. Read again after an answer ends (the chat has changed) and while a long
  // question is still being written (the server holds the reads for a minute).
  const preparedAt = useRef<number | null>(null);
  const prepare = useCallback(() => {
    // A first-time visitor has no session until their first send, and nothing to read yet.
    if (busyRef.current || !store.getState().viewer || (preparedAt.current !== null && performance.now() - preparedAt.current < PREPARE_AGAIN_AFTER_MS)) return;
    preparedAt.current = performance.now();
    transport.prepare(id);
  }, [id, store, transport]);
  const draftRef = useRef(draft);
  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);
  useEffect(() => {
    if (busy) return;
    preparedAt.current = null;
    if (draftRef.current.trim()) prepare();
  }, [busy, prepare]);
  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);
  // Marks the chat interactive once React has hydrated it (tests wait for this).
  const hydrated = useSyncExternalStore(noopSubscribe, () => true, () => false);

  /** A message is on its way and not drawn yet (a second Enter then does nothing). */
  const sending = useRef(false);
  /** Counts sends, so a stop's delayed safety net cannot cut off the next answer. */
  const sends = useRef(0);
  /** A new chat takes its address with its first message. */
  const adoptUrl = useCallback(() => {
    if (urlUpdated.current) return;
    urlUpdated.current = true;
    window.history.replaceState(null, '', `/c/${id}`);
  }, [id]);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  /**
   * A new chat whose first message went out early takes its address once the server has answered:
   * Next.js handles an address change as navigation work of its own, which would hold the request
   * back (and drops the answers of server actions still on their way).
   */
  const adoptUrlWhen = useCallback(
    (answered: Promise<void>) => {
      if (urlUpdated.current) return;
      urlUpdated.current = true;
      void answered.finally(() => {
        if (mounted.current && window.location.pathname === '/') window.history.replaceState(null, '', `/c/${id}`);
      });
    },
    [id],
  );
  const beforeSend = useCallback(() => {
    sends.current += 1;
    setSendError(undefined);
    void engine.api.then((api) => api.clearError());
    adoptUrl();
    touchChat(id);
  }, [adoptUrl, engine, id, touchChat]);

  const send = useCallback(
    (text: string) => {
      const state = store.getState();
      if (busy || sending.current || state.attachments.some((a) => a.state === 'uploading')) return;
      const ready = state.attachments.filter((a) => a.state === 'ready' && a.image);
      if (!text.trim() && ready.length === 0) return;
      const files: FileUIPart[] = ready.map((a) => imagePart(a.image!));
      const message = { id: crypto.randomUUID(), parts: [...files, ...(text.trim() ? [{ type: 'text' as const, text }] : [])] };
      // The send takes what was read for it; the next question is read for afresh.
      preparedAt.current = null;
      const show = () => {
        beforeSend();
        // Refused files are dropped with the send; the sent images leave the composer.
        state.takeAttachments();
        lastSent.current = { text, attachments: ready };
        setDraft('');
        void engine.api.then((api) => api.sendMessage(message, { body: { temporary } }));
      };
      if (!engine.running()) return show();
      // The request goes out first and the question is drawn in the task right after: drawing it
      // (in a new chat, the whole message list) holds the main thread for a while, and the request
      // would wait behind it. So the server is already working on the answer while the browser
      // draws.
      adoptUrlWhen(transport.sendEarly(id, message, { temporary }));
      sending.current = true;
      afterMicrotasks(() => {
        sending.current = false;
        show();
      });
    },
    [adoptUrlWhen, beforeSend, busy, engine, id, store, temporary, transport],
  );


  const stopGenerating = useCallback(async () => {
    // Stop on the server: the run ends, its last chunk marks the message as stopped and the stream
    // closes by itself, so what the browser shows is exactly what was saved.
    const sending = sends.current;
    const result = await stopChatGeneration({ chatId: id }).catch(() => undefined);
    if (result?.ok && result.value.stopped) {
      // A safety net for a stream that does not close; never for an answer sent since.
      setTimeout(() => busyRef.current && sends.current === sending && void engine.api.then((api) => api.stop()), 3000);
      return;
    }
    // Nothing running on the server (or it is unreachable): stop reading locally.
    const api = await engine.api;
    await api.stop();
    api.setMessages((current) =>
      current.map((m, i) => (i === current.length - 1 && m.role === 'assistant' ? { ...m, metadata: { ...m.metadata, status: 'stopped' } } : m)),
    );
  }, [engine, id]);

  useEffect(() => {
    if (!busy) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        void stopGenerating();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, stopGenerating]);

  // Stable, so the memoised composer does not render again with every streamed frame.
  const onDraftChange = useCallback(
    (value: string) => {
      // The answer will need the Markdown renderer: fetch it while the question is typed.
      if (!draftRef.current) preloadMarkdown();
      if (value.trim()) prepare();
      setDraft(value);
    },
    [prepare],
  );
  const onStop = useCallback(() => void stopGenerating(), [stopGenerating]);
  const dismissError = useCallback(() => setSendError(undefined), []);
  const hasMessages = messages.length > 0;
  const toggleTemporary = useCallback(async () => {
    const next = !temporary;
    setTemporary(next);
    // A chat that exists on the server is switched there; a new one starts that way.
    if (hasMessages) {
      const result = await setTemporaryChat({ chatId: id, temporary: next });
      if (!result.ok) {
        setTemporary(!next);
        setSendError(result.message);
      }
    }
  }, [hasMessages, id, temporary]);

  const actions = useMemo<ChatActions>(
    () => ({
      chatId: id,
      busy,
      regenerate: (messageId) => {
        if (busy) return;
        beforeSend();
        void engine.api.then((api) => api.regenerate({ messageId }));
      },
      editAndResend: (messageId, text) => {
        if (busy) return;
        beforeSend();
        lastSent.current = { text, attachments: [] };
        // An edit changes the text; the message keeps its images.
        const files = messagesRef.current.find((m) => m.id === messageId)?.parts.filter((part): part is FileUIPart => part.type === 'file') ?? [];
        void engine.api.then((api) => api.sendMessage({ parts: [...files, { type: 'text', text }], messageId }));
      },
    }),
    [beforeSend, busy, engine, id],
  );

  return (
    <ChatActionsContext.Provider value={actions}>
      <ArtifactWorkspace messages={messages}>
        <DropZone className="flex min-h-0 min-w-0 flex-1 flex-col" data-testid="chat" data-chat-id={id} data-status={status} data-hydrated={hydrated || undefined} data-run-reattached={reattached || undefined}>
          {temporary && (
            <p data-testid="temporary-banner" className="mx-auto mt-2 flex w-fit items-center gap-2 rounded-full bg-muted px-3 py-1 text-xs text-muted-foreground">
              Temporary chat: Flint won’t use or save memories here.
            </p>
          )}
          {hydrated && (
            <Suspense fallback={null}>
              <ChatEngine id={id} initialMessages={initialMessages} transport={transport} resume={generating} {...engineCallbacks} onState={setEngineState} onReady={onEngineReady} />
            </Suspense>
          )}
          {messages.length === 0 ? <EmptyState onPick={send} /> : <MessageList messages={messages} busy={busy} />}
          <QuotaBanner />
          <Composer
            value={draft}
            onChange={onDraftChange}
            onSend={send}
            onStop={onStop}
            busy={busy}
            error={sendError}
            onDismissError={dismissError}
            autoFocus
            temporary={temporary}
            onToggleTemporary={toggleTemporary}
          />
        </DropZone>
      </ArtifactWorkspace>
    </ChatActionsContext.Provider>
  );
}

/** The message in place of the one with its id, or added after the others. */
function replaceOrAppend(messages: FlintUIMessage[], message: FlintUIMessage): FlintUIMessage[] {
  const index = messages.findIndex((m) => m.id === message.id);
  return index === -1 ? [...messages, message] : messages.map((m, i) => (i === index ? message : m));
}
