// Images end to end: attach by picker, drop and paste; progress, removal and sending; what the
// offline model measures; the lightbox; the bad-input corpus with its messages (and nothing left
// behind); no vision model; routing to the vision model and each provider's wire format over HTTP;
// share links; S3 storage; screenshots of it all.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startFakeAnthropic, type FakeAnthropic } from './fake-upstream/anthropic';
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from './fake-upstream/openai-compatible';
import { startFakeS3 } from './fake-upstream/s3';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';
import { badCorpus, cameraJpeg, chart, noiseJpeg, oversized, photo, solid, textScreenshot, type TestFile } from './support/image-corpus';

const png = async (name: string, colour: string, width = 640, height = 480): Promise<TestFile> => ({ name, mimeType: 'image/png', buffer: await solid(colour, width, height) });

function serialisable(files: TestFile[]) {
  return files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') }));
}

/** Drags files from the desktop onto an element and drops them. */
async function dropFiles(page: Page, target: Locator, files: TestFile[], { pauseOver }: { pauseOver?: () => Promise<void> } = {}) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.mimeType }));
    return transfer;
  }, serialisable(files));
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await pauseOver?.();
  await target.dispatchEvent('drop', { dataTransfer });
}

/** Pastes files (a screenshot on the clipboard) into the message box. */
async function pasteFiles(page: Page, files: TestFile[]) {
  await page.getByTestId('chat-input').evaluate((input, list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.mimeType }));
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, serialisable(files));
}

async function storedImageFolders(dataDir: string) {
  return (await readdir(path.join(dataDir, 'images')).catch(() => [] as string[])).sort();
}

async function naturalWidth(image: Locator) {
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  return image.evaluate((img: HTMLImageElement) => img.naturalWidth);
}

test('attach with the picker, send, and see the images in the message, full size in the lightbox, and described by the offline model', async ({ chat, page }) => {
  const guests: string[] = [];
  page.on('request', (request) => request.url().includes('/api/auth/sign-in/anonymous') && guests.push(request.url()));
  await chat.goto();
  await chat.input.fill('What do these look like?');
  await chat.attach(await png('orange.png', '#f97316'), { name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg(1600, 1200) }, await png('blue.png', '#1d4ed8', 300, 200));
  await expect(chat.attachmentChips).toHaveCount(3);
  await chat.waitForUploads();
  await expect(page.locator('[data-testid=attachment-chip][data-state=ready]')).toHaveCount(3);
  // A first-time visitor became a guest once, not once per image.
  expect(guests).toHaveLength(1);
  await expect(page.getByTestId('privacy-note')).toContainText('Location, camera and other hidden details are removed');

  await chat.input.press('Enter');
  const sent = chat.userMessages.last();
  await expect(sent.getByTestId('message-image')).toHaveCount(3);
  await expect(chat.attachmentChips).toHaveCount(0);
  const answer = await chat.waitForAnswer();
  expect(answer).toContain('What the images contain');
  expect(answer).toMatch(/Image 1 \(“orange.png”\): PNG, 640 × 480 px; dominant colours orange \(#F97316, 100%\)/);
  // The camera photo was stored upright (1200 × 1600) and fitted into 2048 px for the model.
  expect(answer).toMatch(/Image 2 \(“IMG_0001.JPG”\): JPEG, 1200 × 1600 px; dominant colours/);
  expect(answer).toMatch(/Image 3 \(“blue.png”\): PNG, 300 × 200 px; dominant colours blue/);

  await sent.getByTestId('message-image').nth(1).click();
  const lightbox = page.getByTestId('lightbox');
  await expect(lightbox).toBeVisible();
  await expect(lightbox).toContainText('IMG_0001.JPG');
  await expect(lightbox).toContainText('2 of 3');
  expect(await naturalWidth(lightbox.getByTestId('lightbox-image'))).toBe(1200);
  await page.keyboard.press('ArrowRight');
  await expect(lightbox).toContainText('blue.png');
  await page.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);

  // Saved with the chat: a reload shows the same images.
  await page.reload();
  await chat.ready();
  await expect(chat.userMessages.last().getByTestId('message-image')).toHaveCount(3);
  expect(await naturalWidth(chat.userMessages.last().getByTestId('message-image').first())).toBeGreaterThan(0);
});

test('Thinking mode sees the images too', async ({ chat, page }) => {
  await chat.goto();
  await page.getByTestId('mode-thinking').click();
  await chat.attach(await png('thought.png', '#16a34a', 320, 240));
  await chat.waitForUploads();
  await chat.input.fill('Think about this picture');
  await chat.pressSend();
  const answer = await chat.waitForAnswer();
  expect(answer).toMatch(/Image 1 \(“thought.png”\): PNG, 320 × 240 px; dominant colours green/);
  await page.getByTestId('mode-instant').click();
});

test('drop images onto the chat and paste a screenshot into the box; remove one before sending; send images without text', async ({ chat, page }) => {
  await chat.goto();
  await dropFiles(page, page.getByTestId('chat'), [await png('dropped-1.png', '#16a34a'), await png('dropped-2.png', '#9333ea')], {
    pauseOver: () => expect(page.getByTestId('drop-zone')).toBeVisible(),
  });
  await expect(page.getByTestId('drop-zone')).toHaveCount(0);
  await pasteFiles(page, [{ name: 'image.png', mimeType: 'image/png', buffer: await chart(900, 600) }]);
  await expect(chat.attachmentChips).toHaveCount(3);
  await chat.waitForUploads();
  await page.locator('[data-testid=attachment-chip][data-name="dropped-2.png"]').getByTestId('remove-attachment').click();
  await expect(chat.attachmentChips).toHaveCount(2);
  await expect(chat.sendButton).toBeEnabled();
  await chat.sendButton.click();
  await expect(chat.userMessages.last().getByTestId('message-image')).toHaveCount(2);
  const answer = await chat.waitForAnswer();
  expect(answer).toContain('(no text, only attachments)');
  expect(answer).toMatch(/Image 1 \(“dropped-1.png”\).*green/);
  expect(answer).toMatch(/Image 2 \(“image.png”\): PNG, 900 × 600 px; dominant colours white/);
});

test('bad files each get their own message; the text and the good image stay; nothing half-written is stored; seven at once keeps six', async ({ chat, page, flint }) => {
  await chat.goto();
  await chat.input.fill('Keep this text while I attach things');
  await chat.attach(await png('good.png', '#f97316'));
  await chat.waitForUploads();
  const corpus = await badCorpus();
  // Five at a time at most, beside the good one. Files still uploading count towards the limit of
  // six, so each batch is refused before the next comes (as it is at once on an idle machine).
  for (const batch of [corpus.slice(0, 3), corpus.slice(3)]) {
    await chat.attach(...batch);
    await chat.waitForUploads();
  }
  await chat.attach({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: oversized(25 * 1024 * 1024) });
  await chat.waitForUploads();

  for (const file of [...corpus, { name: 'huge.jpg', expect: /“huge.jpg” is 25 MB; images can be up to 20 MB/ }]) {
    await expect(page.locator(`[data-testid=attachment-chip][data-name="${file.name}"]`), file.name).toHaveAttribute('data-state', 'error');
    await expect(page.locator(`[data-testid=attachment-error][data-name="${file.name}"]`), file.name).toHaveText(file.expect);
  }
  await expect(page.locator('[data-testid=attachment-chip][data-name="good.png"]')).toHaveAttribute('data-state', 'ready');
  await expect(chat.input).toHaveValue('Keep this text while I attach things');
  // Only the good image reached storage; the server logged no unexpected error.
  expect(await storedImageFolders(flint.dataDir)).toHaveLength(1);
  expect(flint.logs()).not.toMatch(/unexpected error|Unhandled|TypeError|\n\s+at /);

  // Refused files are not sent: the message goes with the good image only.
  await chat.input.press('Enter');
  await expect(chat.userMessages.last().getByTestId('message-image')).toHaveCount(1);
  await chat.waitForAnswer();
  await expect(chat.attachmentChips).toHaveCount(0);

  const seven = await Promise.all(Array.from({ length: 7 }, (_, i) => png(`n${i + 1}.png`, `#${(i * 30 + 16).toString(16).padStart(2, '0')}8040`, 64, 64)));
  await chat.attach(...seven);
  await expect(chat.attachmentChips).toHaveCount(6);
  await expect(chat.attachmentErrors).toHaveText(['You can attach up to 6 images per message. 1 image was not added.']);
  await expect(page.locator('[data-testid=attachment-chip][data-name="n7.png"]')).toHaveCount(0);
  await chat.waitForUploads();
});

test('a 14 MB photo arrives whole (more than the 10 MB a proxy buffers)', async ({ chat, flint }) => {
  const buffer = await noiseJpeg();
  expect(buffer.length).toBeGreaterThan(12 * 1024 * 1024);
  await chat.goto();
  await chat.attach({ name: 'big.jpg', mimeType: 'image/jpeg', buffer });
  await chat.waitForUploads();
  await expect(chat.attachmentChips.first()).toHaveAttribute('data-state', 'ready');
  expect(await storedImageFolders(flint.dataDir)).toHaveLength(1);
});

test('typing never waits for an upload; the send button does', async ({ chat, page }) => {
  await chat.goto();
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/images', async (route) => {
    await held;
    await route.continue();
  });
  await chat.attach(await png('slow.png', '#1d4ed8'));
  await expect(chat.attachmentChips.first()).toHaveAttribute('data-state', 'uploading');
  await chat.input.pressSequentially('Typing while it uploads', { delay: 5 });
  await expect(chat.input).toHaveValue('Typing while it uploads');
  await expect(chat.sendButton).toBeDisabled();
  release();
  await chat.waitForUploads();
  await expect(chat.sendButton).toBeEnabled();
  await page.unroute('**/api/images');
});

test('a shared chat shows its images to anyone with the link', async ({ chat, page, browser, flint }) => {
  await chat.goto();
  await chat.attach(await png('shared.png', '#9333ea', 400, 300));
  await chat.waitForUploads();
  await chat.input.fill('Sharing a picture');
  await chat.pressSend();
  await chat.waitForAnswer();
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-create').click();
  const link = await page.getByTestId('share-url').inputValue();

  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  await view.goto(link.startsWith('http') ? link : `${flint.url}${link}`);
  const image = view.getByTestId('message-image');
  await expect(image).toHaveCount(1);
  expect(await naturalWidth(image)).toBeGreaterThan(0);
  await image.click();
  expect(await naturalWidth(view.getByTestId('lightbox-image'))).toBe(400);
  // Without the link the image is not there.
  const src = await image.getAttribute('src');
  expect((await view.request.get(`${flint.url}${src!.split('?')[0]}`)).status()).toBe(404);
  await stranger.close();
});

test.describe('with real providers (fake servers) behind Flint', () => {
  let compatible: FakeOpenAICompatible;
  let anthropic: FakeAnthropic;
  let server: FlintServer;

  test.beforeAll(async () => {
    compatible = await startFakeOpenAICompatible({ models: ['qwen3-8b', 'llava-13b'] });
    anthropic = await startFakeAnthropic({ apiKey: 'test-anthropic-key' });
    server = await startFlint({
      env: { ...compatible.env, ...anthropic.env, OPENAI_COMPATIBLE_MODELS: 'qwen3-8b,llava-13b+vision', FLINT_INSTANT_MODEL: 'openai-compatible:qwen3-8b', FLINT_VISION_MODEL: 'openai-compatible:llava-13b' },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await compatible?.close();
    await anthropic?.close();
  });

  const answers = (fake: FakeOpenAICompatible | FakeAnthropic) => fake.chatRequests.filter((r) => !JSON.stringify(r.body).includes('Write a title'));

  test('a model that cannot see hands the images to the vision model, and both say so', async ({ page }) => {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await page.getByTestId('model-picker').click();
    await page.locator('[data-testid=model-option][data-model-id="openai-compatible:qwen3-8b"]').click();
    await chat.attach(await png('diagram.png', '#ffffff', 800, 600));
    await chat.waitForUploads();
    await expect(page.getByTestId('vision-note')).toHaveText('qwen3-8b cannot see images, so llava-13b will answer this message.');
    await page.screenshot({ path: 'test-results/screenshots/images-desktop-light-vision-note.png' });
    compatible.reset();
    compatible.setScript({ text: 'I see a white square.' });
    await chat.input.fill('What is in the picture?');
    await chat.pressSend();
    await chat.waitForAnswer();
    await expect(chat.lastAssistant.getByTestId('answered-by')).toHaveAttribute('data-model', 'openai-compatible:llava-13b');
    await expect(chat.lastAssistant.getByTestId('vision-route-note')).toContainText('qwen3-8b');
    await page.screenshot({ path: 'test-results/screenshots/images-desktop-light-vision-route.png' });
    const request = answers(compatible)[0]!;
    expect(request.model).toBe('llava-13b');
    const content = (request.body as { messages: Array<{ content: Array<{ type: string; image_url?: { url: string } }> }> }).messages.at(-1)!.content;
    expect(content.map((c) => c.type)).toEqual(['image_url', 'text']);
    expect(content[0]!.image_url!.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  test('Anthropic receives base64 image blocks, fitted into 1568 px', async ({ page }) => {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await page.getByTestId('model-picker').click();
    await page.locator('[data-testid=model-option][data-model-id="anthropic:claude-sonnet-5-5"]').click();
    await chat.attach({ name: 'wide.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 3200, 1800) });
    await chat.waitForUploads();
    await expect(page.getByTestId('vision-note')).toHaveCount(0);
    anthropic.reset();
    anthropic.setScript({ text: 'A landscape.' });
    await chat.input.fill('Describe it');
    await chat.pressSend();
    await chat.waitForAnswer();
    const request = answers(anthropic)[0]!;
    const content = (request.body as { messages: Array<{ content: Array<{ type: string; source?: { type: string; media_type: string; data: string } }> }> }).messages.at(-1)!.content;
    expect(content.map((c) => c.type)).toEqual(['image', 'text']);
    expect(content[0]!.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
    const bytes = Buffer.from(content[0]!.source!.data, 'base64');
    // JPEG SOF0 height/width: fitted into 1568 × 882.
    const sharp = (await import('sharp')).default;
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 1568, height: 882 });
  });

  test('a long screenshot reaches the model as readable tiles', async ({ page }) => {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.attach({ name: 'page.png', mimeType: 'image/png', buffer: (await textScreenshot(1000, 4200)).buffer });
    await chat.waitForUploads();
    compatible.reset();
    compatible.setScript({ text: 'A long page.' });
    await chat.input.fill('Summarise');
    await chat.pressSend();
    await chat.waitForAnswer();
    const content = (answers(compatible)[0]!.body as { messages: Array<{ content: Array<{ type: string; text?: string }> }> }).messages.at(-1)!.content;
    expect(content.map((c) => c.type)).toEqual(['text', 'image_url', 'image_url', 'image_url', 'text']);
    expect(content[0]!.text).toMatch(/“page.png” \(1000 × 4200 px\) is sent in 3 parts/);
  });
});

test('with no model that can see images, Flint says so before anything is sent', async ({ page }) => {
  const compatible = await startFakeOpenAICompatible({ models: ['qwen3-8b'] });
  const server = await startFlint({ env: { ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'qwen3-8b' } });
  try {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    let uploads = 0;
    page.on('request', (request) => request.url().endsWith('/api/images') && uploads++);
    await chat.input.fill('Look at this');
    await chat.attach(await png('a.png', '#000000'));
    await expect(chat.attachmentErrors).toHaveText([/None of the configured models can see images/]);
    await expect(chat.attachmentChips).toHaveCount(0);
    expect(uploads).toBe(0);
    await expect(chat.input).toHaveValue('Look at this');
  } finally {
    await server.stop();
    await compatible.close();
  }
});

test('with S3 configured, images live in the bucket, not on disk', async ({ page }) => {
  const s3 = await startFakeS3();
  const server = await startFlint({ env: s3.env });
  try {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.attach(await png('in-the-bucket.png', '#f97316', 300, 200));
    await chat.waitForUploads();
    await chat.input.fill('Stored in S3?');
    await chat.pressSend();
    const answer = await chat.waitForAnswer();
    expect(answer).toMatch(/PNG, 300 × 200 px; dominant colours orange/);
    expect(await naturalWidth(chat.userMessages.last().getByTestId('message-image'))).toBeGreaterThan(0);
    const keys = [...s3.objects.keys()];
    expect(keys.filter((k) => k.endsWith('/full.png'))).toHaveLength(1);
    expect(keys.filter((k) => k.endsWith('/thumb.webp'))).toHaveLength(1);
    expect(await storedImageFolders(server.dataDir)).toEqual([]);
  } finally {
    await server.stop();
    await s3.close();
  }
});

const variants = [
  { name: 'desktop', viewport: { width: 1280, height: 820 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

for (const { name, viewport } of variants) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshots: ${name} ${scheme}`, async ({ chat, page }) => {
      const shot = (what: string) => page.screenshot({ path: `test-results/screenshots/images-${name}-${scheme}-${what}.png` });
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await chat.goto();

      if (name === 'desktop') {
        await dropFiles(page, page.getByTestId('chat'), [await png('drop.png', '#f97316')], {
          pauseOver: async () => {
            await expect(page.getByTestId('drop-zone')).toBeVisible();
            await shot('drop');
          },
        });
        await chat.waitForUploads();
        await page.getByTestId('remove-attachment').click();
      }

      // Ready, refused and uploading, side by side.
      await chat.attach({ name: 'beach.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 1600, 1200) }, { name: 'chart.png', mimeType: 'image/png', buffer: await chart(1000, 700) });
      await chat.waitForUploads();
      await chat.attach((await badCorpus()).find((f) => f.name === 'notes.png')!);
      await expect(chat.attachmentErrors).toHaveCount(1);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/images', async (route) => {
        await held;
        await route.continue();
      });
      await chat.attach({ name: 'IMG_2040.JPG', mimeType: 'image/jpeg', buffer: await cameraJpeg(1200, 900) });
      await expect(page.locator('[data-testid=attachment-chip][data-state=uploading]')).toHaveCount(1);
      await chat.input.fill('What is in these pictures?');
      await page.waitForTimeout(250);
      await shot('composer');
      release();
      await chat.waitForUploads();
      await page.unroute('**/api/images');

      await chat.pressSend();
      await chat.waitForAnswer();
      await chat.userMessages.last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(400);
      await shot('message');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await chat.userMessages.last().getByTestId('message-image').first().click();
      await naturalWidth(page.getByTestId('lightbox-image'));
      await page.waitForTimeout(300);
      await shot('lightbox');
      await page.keyboard.press('Escape');

      // One image alone shows large.
      await chat.attach({ name: 'sunset.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 1200, 900) });
      await chat.waitForUploads();
      await chat.input.fill('And this one?');
      await chat.pressSend();
      await chat.waitForAnswer();
      await chat.userMessages.last().scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await shot('single');
    });
  }
}
