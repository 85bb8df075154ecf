/** The sample transcript's real defects (issue 3), fixed with the commands a user would give. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/shared/formats/transcript';
import type { SubtitleDocument } from '../../src/shared/model';
import { EN, ZH, run, texts } from './commands-helpers';

function sample(): SubtitleDocument {
  const text = readFileSync(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url), 'utf8');
  return parseTranscript(text).doc;
}

const speakerName = (doc: SubtitleDocument, id: string | null) => doc.speakers.find((s) => s.id === id)?.name;

describe('the sample transcript', () => {
  it('mends the sentence cut across two speakers: merge with next, then split turn at the zh cursor', () => {
    let doc = sample();
    // Cues 95 and 96 (1-based) carry the cut: "非常感" / "Thank you so" then "谢这次合作。…" / "much for the partnership. …".
    const [a, b] = [doc.cues[94], doc.cues[95]];
    expect(texts(a)).toEqual(['非常感', 'Thank you so']);
    expect(texts(b)).toEqual(['谢这次合作。我们真的很享受这个过程。', "much for the partnership. We're really enjoying it."]);
    expect([speakerName(doc, a.speaker), speakerName(doc, b.speaker)]).toEqual(['Speaker 2', 'Speaker 4']);
    const count = doc.cues.length;

    const merged = run(doc, { kind: 'mergeWithNext', cueId: a.id });
    expect(merged.plan.label).toBe('Merge cues 95–96');
    doc = merged.doc;
    const split = run(doc, {
      kind: 'split', cueId: a.id, at: { lang: ZH, offset: '非常感谢这次合作。'.length }, speaker: { speakerId: b.speaker! },
    });
    doc = split.doc;

    expect(doc.cues).toHaveLength(count);
    expect(speakerName(doc, doc.cues[94].speaker)).toBe('Speaker 2');
    expect(texts(doc.cues[94])).toEqual(['非常感谢这次合作。', 'Thank you so much for the partnership.']);
    expect(speakerName(doc, doc.cues[95].speaker)).toBe('Speaker 4');
    expect(texts(doc.cues[95])).toEqual(['我们真的很享受这个过程。', "We're really enjoying it."]);
    expect(split.plan.select).toEqual([doc.cues[95].id]);
    // Time in proportion to the zh text: 9 of 21 characters of the merged span, with the document's QC profile gap (zh: Netflix Simplified Chinese, 83 ms; issue 13) centred there.
    const t = a.start + Math.round((9 / 21) * (b.end - a.start));
    expect([doc.cues[94].start, doc.cues[94].end, doc.cues[95].start, doc.cues[95].end]).toEqual([a.start, t - 41, t + 42, b.end]);
  });

  it('moves "but" (and "但") to the turn it belongs to', () => {
    let doc = sample();
    expect(texts(doc.cues[3])[1]).toMatch(/That's a big drop, but$/);
    expect(texts(doc.cues[4])).toEqual(['确实很大。', "it's a big drop."]);
    const en = run(doc, { kind: 'moveWord', cueId: doc.cues[3].id, lang: EN, direction: 'toNext' });
    expect(en.plan.label).toBe('Move "but" to cue 5 (English)');
    doc = en.doc;
    doc = run(doc, { kind: 'moveWord', cueId: doc.cues[3].id, lang: ZH, direction: 'toNext' }).doc;
    expect(texts(doc.cues[3])).toEqual([
      '与我们的目标相比,这只是沧海一粟。虽然这一粟很大,',
      "That is a drop in the bucket compared to where we need to go. That's a big drop,",
    ]);
    // The clause continues the previous one, so "but" stays lower-case and the comma stays where it was.
    expect(texts(doc.cues[4])).toEqual(['但确实很大。', "but it's a big drop."]);
  });
});
