// Page objects and fixtures. Each Playwright worker gets its own Flint server on the offline model
// (fast), so tests read like the product: chat.send('…'), chat.waitForAnswer().
import { test as base, expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { TestFile } from './support/image-corpus';
import { startFlint, type FlintServer } from './support/flint-server';

export class ChatPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  get input(): Locator {
    return this.page.getByTestId('chat-input');
  }
  get sendButton(): Locator {
    return this.page.getByTestId('send-button');
  }
  get stopButton(): Locator {
    return this.page.getByTestId('stop-button');
  }
  get userMessages(): Locator {
    return this.page.getByTestId('message-user');
  }
  get assistantMessages(): Locator {
    return this.page.getByTestId('message-assistant');
  }
  get lastAssistant(): Locator {
    return this.assistantMessages.last();
  }
  get chatItems(): Locator {
    return this.page.getByTestId('chat-item');
  }
  get attachmentChips(): Locator {
    return this.page.getByTestId('attachment-chip');
  }
  get attachmentErrors(): Locator {
    return this.page.getByTestId('attachment-error');
  }

  /** Attaches files through the paperclip's file picker. */
  async attach(...files: TestFile[]) {
    await this.page.getByTestId('attach-input').setInputFiles(files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
  }

  /** Waits until no attachment is uploading any more. */
  async waitForUploads() {
    await expect(this.page.locator('[data-testid=attachment-chip][data-state=uploading]')).toHaveCount(0, { timeout: 30_000 });
  }
  /** The agent board of the last answer (Thinking mode). */
  get board(): Locator {
    return this.lastAssistant.getByTestId('agent-board');
  }
  get agentCards(): Locator {
    return this.board.getByTestId('agent-card');
  }
  agentCard(index: number): Locator {
    return this.agentCards.nth(index - 1);
  }

  /** Opens a page and waits until the app is interactive. */
  async goto(path = '/') {
    await this.page.goto(this.baseUrl + path);
    await this.ready();
  }

  async ready() {
    await expect(this.page.locator('[data-testid=chat][data-hydrated]')).toBeVisible();
  }

  async useThinking() {
    await this.page.getByTestId('mode-thinking').click();
    await expect(this.page.getByTestId('mode-thinking')).toHaveAttribute('aria-checked', 'true');
  }

  /** Opens the finished board (it folds into its summary line once the answer is done). */
  async expandBoard() {
    const summary = this.board.getByTestId('run-summary');
    if ((await summary.getAttribute('aria-expanded')) === 'false') await summary.click();
    await expect(summary).toHaveAttribute('aria-expanded', 'true');
  }

  /** Every card as [title, status], in order. */
  async cardStates(): Promise<Array<[string, string]>> {
    return this.agentCards.evaluateAll((cards) =>
      cards.map((card) => [card.querySelector('h4')?.textContent ?? '', card.getAttribute('data-status') ?? ''] as [string, string]),
    );
  }

  /** Starts a new chat from the sidebar and waits until it has replaced the current one. */
  async newChat() {
    const before = await this.page.getByTestId('chat').getAttribute('data-chat-id');
    await this.page.getByTestId('new-chat').click();
    await expect(this.page.getByTestId('chat')).not.toHaveAttribute('data-chat-id', before ?? '');
    await this.ready();
    await expect(this.userMessages).toHaveCount(0);
  }

  /** Types and sends a message (waits until it shows in the chat, unless the send is refused). */
  async send(text: string) {
    await this.input.fill(text);
    await this.pressSend();
  }

  /**
   * Sends what the composer holds with Enter, and waits until the message shows in the chat (the
   * request leaves first; the message is drawn a moment later), unless the send is refused.
   */
  async pressSend() {
    const before = await this.userMessages.count();
    await this.input.press('Enter');
    await expect(this.userMessages.nth(before).or(this.page.getByTestId('composer-error'))).toBeVisible();
  }

  /**
   * A message's text as the user reads it: once its Markdown is rendered. (An answer drawn in the
   * page before the renderer's chunk has loaded shows its source as is until then.)
   */
  async renderedText(message: Locator = this.lastAssistant) {
    await expect(message.locator('[data-markdown-pending]')).toHaveCount(0, { timeout: 15_000 });
    await expect(message).not.toHaveAttribute('data-markdown-pending');
    return (await message.innerText()).trim();
  }

  async waitForStatus(status: 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted', message: Locator = this.lastAssistant) {
    await expect(message).toHaveAttribute('data-status', status, { timeout: 30_000 });
  }

  /** Waits until every question has its answer and the last one is done. */
  async waitForAnswer() {
    // Counted together on each poll: a question sent by a click (a suggestion) is drawn in the
    // task after it, so a count taken once could miss it.
    await expect
      .poll(
        async () => {
          const questions = await this.userMessages.count();
          return questions > 0 && (await this.assistantMessages.count()) === questions;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await this.waitForStatus('done');
    return this.renderedText();
  }

  /** Creates an account from the current session (a guest's chats move into it). */
  async signUp(email: string, password = 'correct horse battery', name = 'Ada Lovelace') {
    await this.page.goto(`${this.baseUrl}/sign-up`);
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByTestId('sign-up').click();
    await this.page.waitForURL(`${this.baseUrl}/`);
    await this.ready();
  }

  async signIn(email: string, password = 'correct horse battery') {
    await this.page.goto(`${this.baseUrl}/sign-in`);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByTestId('sign-in').click();
  }

  async signOut() {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('user-menu')).toContainText('Guest');
  }

  /**
   * The artifact document shown in the panel: inside the live sandbox page while (and after) it was
   * streaming in front of the user, or the saved version's own document.
   */
  async artifactFrame(): Promise<FrameLocator> {
    const preview = this.page.getByTestId('artifact-preview');
    await expect(preview).toBeVisible();
    const outer = this.page.frameLocator('[data-testid=artifact-preview]');
    return (await preview.getAttribute('data-mode')) === 'live' ? outer.frameLocator('iframe:not(.next)') : outer;
  }

  chatId(): string {
    const match = /\/c\/([^/?#]+)/.exec(this.page.url());
    if (!match) throw new Error(`not on a chat page: ${this.page.url()}`);
    return match[1]!;
  }
}

export const test = base.extend<{ chat: ChatPage }, { flint: FlintServer }>({
  flint: [
    async ({}, use) => {
      const server = await startFlint();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  chat: async ({ page, flint }, use) => {
    await use(new ChatPage(page, flint.url));
  },
});

export { expect };
