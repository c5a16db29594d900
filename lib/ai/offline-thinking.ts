// What the offline demo model says in a Thinking run, as planner, sub-agent and synthesizer. Pure
// functions of what it is given, like offline-answers.ts: it splits the request into the parts the
// user named, restates each part, and combines the parts with [n] markers. It never adds facts.
import { keyTerms, OFFLINE_INTRO, words } from './offline-answers';

export interface OfflinePlan {
  approach: string;
  subtasks: Array<{ title: string; goal: string; returns: string }>;
}

const LEAD_IN =
  /^(?:please\s+|can you\s+|could you\s+)?(?:compare|contrast|weigh(?:\s+up)?|evaluate|assess|explain|describe|review|summari[sz]e|analy[sz]e|research|list|look at|tell me about)\s+(?:the\s+)?(?:(?:differences?|pros and cons|trade-?offs|similarities)\s+)?(?:between|of|among|in)?\s*/i;

const MAX_PARTS = 8;

function clip(text: string, max: number) {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentencesOf(text: string) {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
}

/** The items of a list the user wrote: bullet or numbered lines, or "A, B and C" in one sentence. */
function listItems(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  const bullets = lines.filter((l) => /^(?:[-*•]|\d+[.)])\s+\S/.test(l)).map((l) => l.replace(/^(?:[-*•]|\d+[.)])\s+/, ''));
  if (bullets.length >= 2) return bullets;

  const sentences = sentencesOf(text);
  if (sentences.length >= 2) return sentences;

  const sentence = (sentences[0] ?? '').replace(/[.!?]+$/, '');
  const afterColon = sentence.includes(':') ? sentence.slice(sentence.indexOf(':') + 1) : sentence.replace(LEAD_IN, '');
  const items = afterColon
    .split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+/i)
    .map((item) => item.trim())
    .filter((item) => words(item).length > 0);
  // Only a real enumeration: several short items.
  if (items.length >= 2 && items.every((item) => words(item).length <= 8)) return items;
  return [];
}

/**
 * A plan from the user's words: one subtask per part they listed, a single one for a plain request,
 * none for a greeting (no fan-out needed).
 */
export function offlinePlan(request: string): OfflinePlan {
  const text = request.trim();
  const count = words(text).length;
  if (count === 0 || (count <= 3 && !/[?\n]/.test(text))) {
    return { approach: 'A short message with nothing to split up: no fan-out needed, one direct answer.', subtasks: [] };
  }
  if (/^(?:please\s+)?(?:remember|forget)\b/i.test(text)) {
    return { approach: 'A request about what to remember: no fan-out needed, one direct answer.', subtasks: [] };
  }
  const items = listItems(text).slice(0, MAX_PARTS);
  if (items.length < 2) {
    const title = capitalise(clip(keyTerms(text, 3).map((t) => t.term).join(', ') || text, 48));
    return {
      approach: 'One focused sub-agent restates and organises the request; the synthesis presents its result.',
      subtasks: [
        {
          title,
          goal: `Restate and organise the request: “${clip(text, 160)}”.`,
          returns: 'The request point by point, its key terms, and what a real model would need to answer it.',
        },
      ],
    };
  }
  const titles = items.map((item) => capitalise(clip(item, 48)));
  return {
    approach: `Split the request into ${items.length} parts (${titles.join(', ')}), look at each separately, then combine them.`,
    subtasks: items.map((item, i) => ({
      title: titles[i]!,
      goal: `Work out what the request asks about “${clip(item, 120)}”.`,
      returns: `What the request says about ${clip(item, 60)}, restated and organised, and what is missing to answer it.`,
    })),
  };
}

export interface OfflineBrief {
  index?: number;
  total?: number;
  title: string;
  goal: string;
  returns: string;
}

/** Reads the brief written by lib/ai/prompts/worker.ts. */
export function parseBrief(text: string): OfflineBrief {
  const field = (label: string) => new RegExp(`^${label}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  const position = /sub-agent (\d+) of (\d+)/i.exec(text);
  return {
    index: position ? Number(position[1]) : undefined,
    total: position ? Number(position[2]) : undefined,
    title: field('Subtask') ?? clip(text, 48),
    goal: field('Goal') ?? text.trim(),
    returns: field('Return') ?? 'a short result',
  };
}

/** The sentences of the request that share a key term with the subtask. */
function relevantSentences(request: string, brief: OfflineBrief) {
  const terms = new Set(keyTerms(brief.title, 8).map((t) => t.term));
  const all = sentencesOf(request);
  const matching = all.filter((s) => words(s).some((w) => terms.has(w.toLowerCase())));
  return (matching.length ? matching : all).slice(0, 4);
}

export function offlineWorkerReasoning(brief: OfflineBrief, request: string): string {
  const terms = keyTerms(brief.title, 3).map((t) => t.term);
  return [
    `My part is “${brief.title}”${brief.index && brief.total ? `, ${brief.index} of ${brief.total}` : ''}.`,
    terms.length ? `It turns on ${terms.join(', ')}.` : '',
    `The request has ${words(request).length} words; I will quote the parts that concern my subtask.`,
    'I have no knowledge source, so I restate and organise rather than answer.',
  ]
    .filter(Boolean)
    .join(' ');
}

export function offlineWorkerAnswer(brief: OfflineBrief, request: string): string {
  const quoted = relevantSentences(request, brief).map((s) => `> ${clip(s, 300)}`);
  const terms = keyTerms(brief.title, 4);
  const parts = [
    `**${brief.title}**`,
    '',
    `- **Goal:** ${brief.goal}`,
    `- **Asked to return:** ${brief.returns}`,
    '',
    'What the request says about it:',
    '',
    ...(quoted.length ? quoted : ['> (nothing beyond the subtask itself)']),
    '',
  ];
  if (terms.length) parts.push(`Key terms: ${terms.map((t) => `*${t.term}*`).join(', ')}.`, '');
  parts.push(
    `I am the offline demo model, so I cannot add facts about “${brief.title}”: a real model would return ${brief.returns.charAt(0).toLowerCase()}${brief.returns.slice(1).replace(/\.$/, '')}.`,
  );
  return parts.join('\n');
}

export interface OfflineResult {
  index: number;
  title: string;
  status: string;
  body: string;
}

/** Reads the results listed by lib/ai/prompts/synthesizer.ts. */
export function parseResults(brief: string): OfflineResult[] {
  const results: OfflineResult[] = [];
  const heading = /^### \[(\d+)\] (.+?) — (.+)$/gm;
  const matches = [...brief.matchAll(heading)];
  matches.forEach((match, i) => {
    const end = matches[i + 1]?.index ?? brief.indexOf("\n\nNow write the answer", match.index);
    const body = brief.slice(match.index! + match[0].length, end > 0 ? end : undefined).trim();
    results.push({ index: Number(match[1]), title: match[2]!, status: match[3]!, body });
  });
  return results;
}

function resultOf(body: string) {
  return body.split(/\n(?:Partial result|Result):\n/)[1] ?? '';
}

/** What one result amounts to, in a line: its quotes of the request, or its first sentence. */
function summaryOf(result: string) {
  const quotes = result.split('\n').filter((l) => l.startsWith('> ')).length;
  if (quotes) return quotes === 1 ? 'quoted the sentence of your request that concerns it' : `quoted the ${quotes} sentences of your request that concern it`;
  const line = result
    .split('\n')
    .map((l) => l.replace(/^[#*\-\s]+|\*\*/g, '').trim())
    .find((l) => l && !l.endsWith(':') && !/^(goal|asked to return):/i.test(l));
  return line ? clip(sentencesOf(line)[0] ?? line, 160) : 'returned no text';
}

export function offlineSynthesis(brief: string): string {
  const results = parseResults(brief);
  const usable = results.filter((r) => /^done|cut off/.test(r.status));
  const missing = results.filter((r) => !/^done/.test(r.status));
  const parts = [
    OFFLINE_INTRO,
    '',
    `This combines what ${results.length === 1 ? 'the sub-agent' : `the ${results.length} sub-agents`} returned, without adding anything.`,
    '',
  ];
  if (usable.length) {
    parts.push('### The parts', '');
    for (const r of usable) parts.push(`- **${r.title}**: ${summaryOf(resultOf(r.body))} [${r.index}]`);
    parts.push('');
    // The same sentence quoted by several parts is shown once, citing all of them.
    const quoted = new Map<string, number[]>();
    for (const r of usable) {
      for (const line of resultOf(r.body).split('\n')) {
        if (!line.startsWith('> ') || line.includes('(nothing beyond')) continue;
        const cited = quoted.get(line) ?? [];
        if (!cited.includes(r.index)) cited.push(r.index);
        quoted.set(line, cited);
      }
    }
    if (quoted.size) {
      parts.push('### What your request says', '');
      for (const [line, cited] of quoted) parts.push(`${line} ${cited.map((n) => `[${n}]`).join('')}`, '');
    }
  }
  if (missing.length) {
    parts.push('### Missing', '');
    for (const r of missing) {
      const reason = /No result: (.+)/.exec(r.body)?.[1];
      parts.push(`- **${r.title}** [${r.index}] ${r.status}${reason ? ` (${clip(reason, 120)})` : ''}: this part is ${/cut off/.test(r.status) ? 'only partly' : 'not'} covered.`);
    }
    parts.push('');
  }
  if (usable.length > 1) parts.push('The parts do not contradict each other: each only restates its share of your request.', '');
  parts.push(
    '### To get a real answer',
    'Connect a model: set `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or `GOOGLE_GENERATIVE_AI_API_KEY`, or point `OLLAMA_BASE_URL` at a local Ollama, then restart Flint.',
  );
  return parts.join('\n');
}
