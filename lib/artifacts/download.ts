// What "Download" saves: the artifact as a file that works on its own. HTML gets the libraries it
// loads from Flint inlined (so it opens from a disk without Flint), a chart becomes a page with
// Chart.js, and the other kinds are saved as their source.
import type { ArtifactKind } from '@/lib/types';
import { artifactDocument, artifactFileName, artifactMediaType } from './document';
import { VENDOR_PATH, isVendorFile, vendorUrl } from './vendor';

const vendorTag = /<script\b[^>]*\bsrc=["']\/api\/artifacts\/vendor\/([\w.-]+)["'][^>]*>\s*<\/script>/gi;

/** Replaces each <script src="/api/artifacts/vendor/…"> with the library's code. */
export async function inlineVendorScripts(html: string, fetchText: (url: string) => Promise<string>): Promise<string> {
  const files = [...new Set([...html.matchAll(vendorTag)].map((m) => m[1]!).filter(isVendorFile))];
  const code = new Map<string, string>();
  await Promise.all(files.map(async (file) => code.set(file, await fetchText(vendorUrl(file)))));
  return html.replace(vendorTag, (tag, file: string) =>
    code.has(file) ? `<script>/* ${file}, as served by Flint at ${VENDOR_PATH}${file} */\n${code.get(file)!.replace(/<\/script/gi, '<\\/script')}\n</script>` : tag,
  );
}

export async function artifactFile(
  artifact: { title: string; kind: ArtifactKind; content: string },
  fetchText: (url: string) => Promise<string>,
): Promise<{ name: string; type: string; body: string }> {
  const name = artifactFileName(artifact.title, artifact.kind);
  const type = `${artifactMediaType(artifact.kind)};charset=utf-8`;
  if (artifact.kind === 'html') return { name, type, body: await inlineVendorScripts(artifact.content, fetchText) };
  if (artifact.kind === 'chart') return { name, type, body: await inlineVendorScripts(artifactDocument('chart', artifact.content, artifact.title, { theme: 'light' }), fetchText) };
  return { name, type, body: artifact.content };
}
