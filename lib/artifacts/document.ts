// Turns an artifact into the HTML document the sandbox shows. Pure and shared: the server serves it
// for saved versions (/api/artifacts/…/preview) and the browser posts it to the live sandbox while an
// artifact streams, so both look the same. HTML artifacts are shown as written; SVG, Mermaid,
// Markdown and charts get a small page around them that loads the library they need from Flint.
import type { ArtifactKind } from '@/lib/types';
import { vendorUrl } from './vendor';

export type ArtifactTheme = 'light' | 'dark';

export interface DocumentOptions {
  /** The app's theme; without it wrapper pages follow the system setting. */
  theme?: ArtifactTheme;
}

/** Safe inside a <script> element: no `</script>`, no `<!--`. */
function scriptValue(value: unknown) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Runs first in every artifact document. A sandboxed page has no origin of its own, so the browser's
 * localStorage and sessionStorage throw; generated games often keep a high score there, so they get
 * an in-memory stand-in. Uncaught errors show in a small bar instead of failing silently. And the
 * live sandbox learns when the page has drawn itself (wrapper pages say so themselves).
 */
const PRELUDE = `(function () {
  function memoryStorage() {
    var data = new Map();
    return {
      getItem: function (k) { k = String(k); return data.has(k) ? data.get(k) : null; },
      setItem: function (k, v) { data.set(String(k), String(v)); },
      removeItem: function (k) { data.delete(String(k)); },
      clear: function () { data.clear(); },
      key: function (i) { var keys = Array.from(data.keys()); return i < keys.length ? keys[i] : null; },
      get length() { return data.size; }
    };
  }
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    try { void window[name].length; } catch (e) {
      try { Object.defineProperty(window, name, { value: memoryStorage(), configurable: true }); } catch (ignored) {}
    }
  });
  function showError(message) {
    var bar = document.getElementById('flint-artifact-error');
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'flint-artifact-error';
      bar.setAttribute('role', 'alert');
      bar.style.cssText = 'position:fixed;left:12px;right:12px;bottom:12px;z-index:2147483647;padding:8px 12px;border-radius:10px;background:#fef2f2;color:#991b1b;border:1px solid #fecaca;font:13px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.12)';
      (document.body || document.documentElement).appendChild(bar);
    }
    bar.textContent = 'Error in this artifact: ' + message;
  }
  window.__flintShowError = showError;
  window.addEventListener('error', function (event) { showError(event.message || 'a script failed'); });
  window.addEventListener('unhandledrejection', function (event) { showError(String(event.reason && event.reason.message || event.reason)); });
  window.__flintRendered = function (ok) {
    try { parent.postMessage({ flintArtifact: 'rendered', ok: ok !== false }, '*'); } catch (e) {}
  };
  window.addEventListener('load', function () { if (!window.__flintWrapped) window.__flintRendered(true); });
})();`;

const preludeTag = `<script>${PRELUDE}</script>`;

function palette(theme: ArtifactTheme | undefined) {
  const light = '--bg:#ffffff;--fg:#1f1b16;--muted:#6b625a;--border:#e7e2dc;--code:#f6f3ef;--accent:#ea580c;';
  const dark = '--bg:#1c1a18;--fg:#f2eee9;--muted:#aaa198;--border:#3a3631;--code:#262320;--accent:#fb923c;';
  if (theme === 'dark') return `:root{color-scheme:dark;${dark}}`;
  if (theme === 'light') return `:root{color-scheme:light;${light}}`;
  return `:root{color-scheme:light dark;${light}}@media (prefers-color-scheme: dark){:root{${dark}}}`;
}

/** A wrapper page; one whose script draws later (`reportsItself`) says when it is done instead of at load. */
function page({ title, style, body, theme, reportsItself = false }: { title: string; style: string; body: string; theme?: ArtifactTheme; reportsItself?: boolean }) {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    preludeTag,
    ...(reportsItself ? ['<script>window.__flintWrapped = true;</script>'] : []),
    `<style>${palette(theme)}*{box-sizing:border-box}html,body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}${style}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An HTML artifact as written, with the prelude first (after the doctype, so no quirks mode). */
function htmlDocument(content: string) {
  const head = /<head(\s[^>]*)?>/i.exec(content);
  if (head) return content.slice(0, head.index + head[0].length) + preludeTag + content.slice(head.index + head[0].length);
  const html = /<html(\s[^>]*)?>/i.exec(content);
  if (html) return content.slice(0, html.index + html[0].length) + `<head>${preludeTag}</head>` + content.slice(html.index + html[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(content);
  if (doctype) return doctype[0] + preludeTag + content.slice(doctype[0].length);
  // A fragment: give it a page of its own.
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    preludeTag,
    '</head>',
    `<body>${content}</body>`,
    '</html>',
  ].join('\n');
}

function svgDocument(content: string, title: string, theme?: ArtifactTheme) {
  return page({
    title,
    theme,
    style: 'html,body{height:100%}body{display:grid;place-items:center;padding:16px}svg{max-width:100%;max-height:calc(100vh - 32px);height:auto}',
    body: content,
  });
}

function mermaidDocument(content: string, title: string, theme?: ArtifactTheme) {
  const dark = theme === 'dark' ? 'true' : theme === 'light' ? 'false' : "matchMedia('(prefers-color-scheme: dark)').matches";
  return page({
    title,
    theme,
    reportsItself: true,
    style: 'body{padding:24px;display:flex;justify-content:center}#diagram{width:100%;display:flex;justify-content:center}#diagram svg{max-width:100%;height:auto}',
    body: [
      '<div id="diagram" role="img"></div>',
      `<script src="${vendorUrl('mermaid.js')}"></script>`,
      `<script>
(function () {
  var source = ${scriptValue(content)};
  var root = document.getElementById('diagram');
  root.setAttribute('aria-label', ${scriptValue(title)});
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: ${dark} ? 'dark' : 'default', fontFamily: 'system-ui, sans-serif' });
  mermaid.render('flint-diagram', source).then(function (result) {
    root.innerHTML = result.svg;
    window.__flintRendered(true);
  }, function (error) {
    window.__flintShowError('the diagram could not be drawn: ' + (error && error.message || error));
    window.__flintRendered(false);
  });
})();
</script>`,
    ].join('\n'),
  });
}

function chartDocument(content: string, title: string, theme?: ArtifactTheme) {
  return page({
    title,
    theme,
    reportsItself: true,
    style: 'html,body{height:100%}body{padding:16px}.chart{position:relative;width:100%;height:calc(100vh - 32px)}',
    body: [
      `<div class="chart"><canvas id="chart" role="img" aria-label="${escapeHtml(title)}"></canvas></div>`,
      `<script src="${vendorUrl('chart.js')}"></script>`,
      `<script>
(function () {
  try {
    var config = JSON.parse(${scriptValue(content)});
    var styles = getComputedStyle(document.documentElement);
    Chart.defaults.color = styles.getPropertyValue('--muted').trim();
    Chart.defaults.borderColor = styles.getPropertyValue('--border').trim();
    Chart.defaults.font.family = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
    new Chart(document.getElementById('chart'), config);
    window.__flintRendered(true);
  } catch (error) {
    window.__flintShowError('the chart could not be drawn: ' + (error && error.message || error));
    window.__flintRendered(false);
  }
})();
</script>`,
    ].join('\n'),
  });
}

function markdownDocument(content: string, title: string, theme?: ArtifactTheme) {
  return page({
    title,
    theme,
    reportsItself: true,
    style: [
      'body{padding:28px 24px 48px}',
      'article{max-width:720px;margin:0 auto}',
      'h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .6em;letter-spacing:-.01em}h1{font-size:1.8em;margin-top:.2em}h2{font-size:1.35em}h3{font-size:1.1em}',
      'p,ul,ol,blockquote,pre,table{margin:0 0 1em}a{color:var(--accent)}',
      'blockquote{border-left:3px solid var(--border);padding-left:1em;color:var(--muted)}',
      'code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:.1em .3em;border-radius:4px}',
      'pre{background:var(--code);padding:12px 14px;border-radius:10px;overflow:auto}pre code{background:none;padding:0}',
      'table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--border);padding:6px 10px;text-align:left}',
      'hr{border:0;border-top:1px solid var(--border);margin:2em 0}img{max-width:100%}',
    ].join(''),
    body: [
      '<article id="document"></article>',
      `<script src="${vendorUrl('marked.js')}"></script>`,
      `<script>
(function () {
  var root = document.getElementById('document');
  try {
    root.innerHTML = marked.parse(${scriptValue(content)});
    window.__flintRendered(true);
  } catch (error) {
    root.textContent = ${scriptValue(content)};
    window.__flintRendered(false);
  }
})();
</script>`,
    ].join('\n'),
  });
}

/** The complete document for an artifact of this kind. */
export function artifactDocument(kind: ArtifactKind, content: string, title = 'Artifact', options: DocumentOptions = {}): string {
  switch (kind) {
    case 'html':
      return htmlDocument(content);
    case 'svg':
      return svgDocument(content, title, options.theme);
    case 'mermaid':
      return mermaidDocument(content, title, options.theme);
    case 'chart':
      return chartDocument(content, title, options.theme);
    case 'markdown':
      return markdownDocument(content, title, options.theme);
  }
}

const extensions: Record<ArtifactKind, string> = { html: 'html', svg: 'svg', mermaid: 'mmd', markdown: 'md', chart: 'html' };
const mediaTypes: Record<ArtifactKind, string> = {
  html: 'text/html',
  svg: 'image/svg+xml',
  mermaid: 'text/plain',
  markdown: 'text/markdown',
  chart: 'text/html',
};

/** A file name for a download: the title in kebab case, with the kind's extension. */
export function artifactFileName(title: string, kind: ArtifactKind) {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'artifact';
  return `${base}.${extensions[kind]}`;
}

export function artifactMediaType(kind: ArtifactKind) {
  return mediaTypes[kind];
}

/** The language the code view highlights an artifact's source as. */
export function artifactLanguage(kind: ArtifactKind) {
  return ({ html: 'html', svg: 'xml', mermaid: 'mermaid', markdown: 'markdown', chart: 'json' } as const)[kind];
}
