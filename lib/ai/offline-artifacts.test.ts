import { describe, expect, it } from 'vitest';
import {
  asksForChange,
  changeDashboard,
  changeFor,
  changeGame,
  dashboardArtifact,
  demoKindOf,
  findDataset,
  gameArtifact,
  knownArtifacts,
  readDashboard,
  readGameSettings,
  requestedArtifact,
} from './offline-artifacts';
import { artifactInstructions } from './prompts/artifacts';

describe('what the offline model builds', () => {
  it('recognises requests for a game or a dashboard, and nothing else', () => {
    expect(requestedArtifact('Make a little paddle game I can play')).toBe('game');
    expect(requestedArtifact('Build a dashboard from this data')).toBe('dashboard');
    expect(requestedArtifact('Chart these numbers: a 1, b 2')).toBe('dashboard');
    expect(requestedArtifact('Compare three ways to brew coffee, with a table, some code and the average formula.')).toBeUndefined();
    expect(requestedArtifact('What is the capital of France?')).toBeUndefined();
  });

  it('tells a change from a new request', () => {
    expect(asksForChange('make the paddle faster')).toBe(true);
    expect(asksForChange('as a line chart please')).toBe(true);
    expect(asksForChange('make a new game')).toBe(false);
    expect(asksForChange('hello there')).toBe(false);
  });
});

describe('finding data in the conversation', () => {
  it('reads CSV with a header: labels from the text column, one series per numeric column', () => {
    const data = findDataset(['Build a dashboard from this data:\nmonth,revenue,orders\nJan,12400,310\nFeb,13950,342\nMar,12100,298']);
    expect(data).toEqual({
      labels: ['Jan', 'Feb', 'Mar'],
      series: [
        { name: 'Revenue', values: [12400, 13950, 12100] },
        { name: 'Orders', values: [310, 342, 298] },
      ],
      origin: 'the 3 rows you pasted',
    });
  });

  it('reads tab-separated and Markdown tables, currency and percentages', () => {
    expect(findDataset(['region\tshare\nNorth\t40%\nSouth\t35%\nWest\t25%'])?.series).toEqual([{ name: 'Share', values: [40, 35, 25] }]);
    const table = findDataset(['| City | Price |\n| --- | ---: |\n| Oslo | $12.50 |\n| Rome | $9 |\n| Lima | $4.25 |']);
    expect(table?.labels).toEqual(['Oslo', 'Rome', 'Lima']);
    expect(table?.series[0]).toEqual({ name: 'Price', values: [12.5, 9, 4.25] });
  });

  it('reads JSON records and objects of numbers', () => {
    expect(findDataset(['here: [{"team":"A","points":3},{"team":"B","points":5}]'])).toMatchObject({ labels: ['A', 'B'], series: [{ name: 'Points', values: [3, 5] }] });
    expect(findDataset(['{"apples": 4, "pears": 7, "note": "x"}'])).toMatchObject({ labels: ['apples', 'pears'], series: [{ values: [4, 7] }] });
  });

  it('reads "label: number" and label-number lists', () => {
    expect(findDataset(['Sales this week: Mon: 12, Tue: 18, Wed: 9'])).toMatchObject({ labels: ['Mon', 'Tue', 'Wed'], series: [{ values: [12, 18, 9] }] });
    expect(findDataset(['Jan 120, Feb 150, Mar 90'])).toMatchObject({ labels: ['Jan', 'Feb', 'Mar'], series: [{ values: [120, 150, 90] }] });
  });

  it('does not mistake ordinary numbers in a sentence for data, and looks back in the conversation', () => {
    expect(findDataset(['Make a dashboard of the top 5 products in 2023'])).toBeUndefined();
    expect(findDataset(['make a dashboard of that', 'a: 1, b: 2, c: 3'])).toMatchObject({ labels: ['a', 'b', 'c'] });
  });
});

describe('the templates', () => {
  it('the game loads the game helper and keeps its settings where a change can find them', () => {
    const game = gameArtifact();
    expect(game.content).toContain('<script src="/api/artifacts/vendor/flint-game.js"></script>');
    expect(demoKindOf(game.content)).toBe('game');
    expect(readGameSettings(game.content)).toEqual({ paddleSpeed: 520, paddleWidth: 110, ballSpeed: 320, ballSize: 10, color: '#f97316' });
    expect(game.content).not.toMatch(/fetch\(|XMLHttpRequest|https?:\/\//);
  });

  it('the dashboard embeds exactly the numbers it was given, or says it is sample data', () => {
    const real = dashboardArtifact({ labels: ['x', 'y'], series: [{ name: 'Visits', values: [3, 4] }], origin: 'the 2 rows you pasted' });
    expect(real.title).toBe('Visits dashboard');
    expect(real.content).toContain('const DATA = {"labels":["x","y"],"series":[{"name":"Visits","values":[3,4]}]};');
    expect(real.content).toContain('From the 2 rows you pasted.');
    expect(real.content).not.toMatch(/sample data|SAMPLE values/i);
    const sample = dashboardArtifact(undefined);
    expect(sample.title).toBe('Sample dashboard');
    expect(sample.content).toContain('Sample data: not real numbers.');
    expect(readDashboard(sample.content)?.sample).toBe(true);
    expect(readDashboard(real.content)).toMatchObject({ chart: 'bar', sample: false, data: { labels: ['x', 'y'] } });
  });

  it('keeps a label that tries to close the script from doing so', () => {
    const sneaky = dashboardArtifact({ labels: ['</script><script>alert(1)</script>', 'b'], series: [{ name: 'V', values: [1, 2] }], origin: 'x' });
    expect(sneaky.content.match(/<\/script>/g)).toHaveLength(2);
  });
});

describe('changes', () => {
  it('makes the paddle faster, the ball bigger, the game harder or another colour', () => {
    const game = gameArtifact().content;
    expect(changeGame(game, 'make the paddle faster')?.changes).toEqual(['paddle speed 520 px/s → 780 px/s']);
    expect(readGameSettings(changeGame(game, 'make the paddle faster')!.content)?.paddleSpeed).toBe(780);
    expect(changeGame(game, 'a bigger ball please')?.changes).toEqual(['ball size 10 px → 14 px']);
    expect(changeGame(game, 'make it harder')?.changes).toEqual(['ball speed 320 px/s → 416 px/s', 'paddle width 110 px → 92 px']);
    expect(changeGame(game, 'blue paddle')?.changes).toEqual(['paddle colour #f97316 → #3b82f6']);
    expect(changeGame(game, 'add enemies')).toBeUndefined();
  });

  it('switches the dashboard chart type', () => {
    const dashboard = dashboardArtifact(undefined).content;
    const line = changeDashboard(dashboard, 'show it as a line chart');
    expect(line?.changes).toEqual(['chart bar → line']);
    expect(readDashboard(line!.content)).toMatchObject({ chart: 'line', sample: true });
    expect(changeDashboard(dashboard, 'as bars')).toBeUndefined();
  });

  it('finds the artifacts in its instructions and applies the change to the one it fits', () => {
    const instructions = artifactInstructions([
      { artifactId: 'art_dash', title: 'Sample dashboard', kind: 'html', version: 1, content: dashboardArtifact(undefined).content },
      { artifactId: 'art_game', title: 'Paddle game', kind: 'html', version: 3, content: gameArtifact().content },
    ]);
    const known = knownArtifacts(instructions);
    expect(known.map((k) => [k.id, k.version])).toEqual([
      ['art_dash', 1],
      ['art_game', 3],
    ]);
    expect(changeFor(known, 'make the paddle faster')?.artifact.id).toBe('art_game');
    expect(changeFor(known, 'as a pie chart')?.artifact.id).toBe('art_dash');
    expect(changeFor(known, 'translate it to French')).toBeUndefined();
  });
});
