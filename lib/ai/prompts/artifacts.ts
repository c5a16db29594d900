// How a model makes artifacts, and which ones the conversation already has (their latest content, so
// a change can be made to the real thing). Pure text; the tools live in lib/ai/tools/.
import { vendorLibraries, vendorUrl, type VendorFile } from '@/lib/artifacts/vendor';
import type { ArtifactKind } from '@/lib/types';

export interface ExistingArtifact {
  artifactId: string;
  title: string;
  kind: ArtifactKind;
  version: number;
  content: string;
}

/** Latest content included for at most this many characters in all; older artifacts are listed by name. */
const CONTENT_BUDGET = 80_000;

function libraries() {
  return (Object.entries(vendorLibraries) as Array<[VendorFile, { advertised?: string }]>)
    .filter(([, library]) => library.advertised)
    .map(([file, library]) => `- <script src="${vendorUrl(file)}"></script> — ${library.advertised}`)
    .join('\n');
}

export function artifactInstructions(existing: ExistingArtifact[] = []) {
  const lines = [
    '## Artifacts',
    'You can build artifacts: self-contained pages, small games, dashboards, visualisations, SVG images, diagrams, charts and long documents. Flint shows each one beside the chat in a sandboxed, runnable preview the user can switch between versions of, copy and download.',
    '- Call create_artifact when the user asks you to build, make, draw or visualise something to be seen or used on its own, or for a long document meant to be kept (a report, a plan, a letter). Do NOT use it for explanations, short answers or code the user will paste into their own project: those stay in your reply as fenced code blocks.',
    '- To change an artifact ("make the paddle faster", "add a legend"), call update_artifact with its id and the COMPLETE new content (never a diff or a fragment). It becomes the next version.',
    '- After the tool call, reply with one or two sentences: what you built and how to use it. Never repeat the artifact’s content in your reply.',
    '',
    'Kinds:',
    '- html: a complete HTML document with all CSS and JavaScript inline. Responsive (the panel can be narrow or a phone screen), keyboard and touch friendly for games, readable in light and dark.',
    '- svg: a single <svg> element with a viewBox.',
    '- mermaid: Mermaid source (flowchart, sequenceDiagram, classDiagram, erDiagram, gantt, pie, mindmap…) without code fences.',
    '- markdown: a Markdown document.',
    '- chart: a Chart.js configuration as JSON, e.g. {"type":"bar","data":{"labels":[…],"datasets":[{"label":"…","data":[…]}]},"options":{}}; JSON only, no functions.',
    '',
    'The sandbox has NO network: fetch, XMLHttpRequest, WebSockets, and images, fonts, stylesheets or scripts from other sites (CDNs included) are blocked, as are forms, pop-ups, alert() and navigation. Put every style, script and piece of data inline; use inline SVG or data: URIs for images and system fonts for text. localStorage works but is forgotten when the preview reloads. The only scripts you may load are these, served by Flint:',
    libraries(),
    '',
    'Data: when the conversation contains data (pasted CSV or JSON, numbers in a message, a table or a chart in an image), embed the actual values in the artifact and say where they came from. Never invent data; if the user asks for a dashboard without giving data, use clearly labelled sample data and say so in the artifact and in your reply.',
  ];

  if (existing.length) {
    lines.push('', '## Artifacts in this conversation', 'The latest version of each, newest first. Use these ids with update_artifact.');
    let budget = CONTENT_BUDGET;
    for (const artifact of existing) {
      const header = `<artifact id="${artifact.artifactId}" title="${artifact.title.replace(/"/g, "'")}" kind="${artifact.kind}" version="${artifact.version}">`;
      if (artifact.content.length <= budget) {
        budget -= artifact.content.length;
        lines.push(header, artifact.content, '</artifact>');
      } else {
        lines.push(`${header}(content not shown: too long to include; ask the user before rewriting it)</artifact>`);
      }
    }
  }
  return lines.join('\n');
}

/** Said instead when the model cannot call tools: artifacts become ordinary code blocks. */
export const noToolsInstructions =
  'This model cannot use tools here, so you cannot create artifacts: when the user asks for a page, game, dashboard or diagram, write it as a complete fenced code block (```html, ```svg, ```mermaid…) instead.';
