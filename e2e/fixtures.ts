// Page objects and fixtures. Each Playwright worker gets its own Flint server on the offline model
// (fast), so tests read like the product: chat.send('…'), chat.waitForAnswer().
import { test as base, expect, type Locator, type Page } from '@playwright/test';
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

  /** Opens a page and waits until the app is interactive. */
  async goto(path = '/') {
    await this.page.goto(this.baseUrl + path);
    await this.ready();
  }

  async ready() {
    await expect(this.page.locator('[data-testid=chat][data-hydrated]')).toBeVisible();
  }

  async send(text: string) {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  async waitForStatus(status: 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted', message: Locator = this.lastAssistant) {
    await expect(message).toHaveAttribute('data-status', status, { timeout: 30_000 });
  }

  async waitForAnswer() {
    await this.waitForStatus('done');
    return (await this.lastAssistant.innerText()).trim();
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
