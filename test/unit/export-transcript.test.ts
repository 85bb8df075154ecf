import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportDocument } from '../../src/shared/formats/export';
import { parseTranscript } from '../../src/shared/formats/transcript';
import { LAYOUT_KEYS, transcriptLayout } from '../../src/shared/formats/transcript-write';
import { applyOperation } from '../../src/shared/operations';

const sample = readFileSync(fileURLToPath(new URL('../../resources/sample/openai-podcast-ep8.zh-en.txt', import.meta.url)), 'utf8');

/** The sample as the importer reads it, plus the layout parts it should keep (until it stores them itself). */
function importedSample() {
  const { doc } = parseTranscript(sample);
  return { ...doc, metadata: { ...transcriptLayout(sample), ...doc.metadata } };
}

describe('transcript export of the sample', () => {
  it('gives the sample back byte for byte', () => {
    expect(exportDocument(importedSample(), { format: 'txt' }).text).toBe(sample);
  });

  it('keeps the layout parts the model has no field for', () => {
    const layout = transcriptLayout(sample);
    expect(layout[LAYOUT_KEYS.header]).toMatch(/^OpenAI Podcast - 第八集 - OpenAI与博通及计算的未来 封面\n\n[\s\S]*privacy。\n\n$/);
    expect(layout[LAYOUT_KEYS.notice]).toMatch(/^仅展示文本字幕/);
    expect(layout[LAYOUT_KEYS.footer]).toMatch(/^关于 Bayt 播客\n\n[\s\S]*继续浏览更多播客$/);
  });

  it('changes only the edited turn', () => {
    const doc = importedSample();
    const cue = doc.cues[5];
    const edited = applyOperation(doc, { type: 'setText', cueId: cue.id, lang: 'en', text: 'Edited.' }).doc;
    const out = exportDocument(edited, { format: 'txt' }).text;
    expect(out).toBe(sample.replace(`\n\n${cue.text.en}\n\n`, '\n\nEdited.\n\n'));
  });

  it('rebuilds the header from the metadata once the title changes', () => {
    const doc = importedSample();
    const out = exportDocument({ ...doc, metadata: { ...doc.metadata, title: 'New title' } }, { format: 'txt' }).text;
    expect(out.startsWith('New title\n\n第八集 - OpenAI与博通及计算的未来\n\nEpisode 8 - OpenAI x Broadcom and the future of compute\n\n本集简介\n\n')).toBe(true);
    const back = parseTranscript(out);
    expect(back.doc.metadata).toMatchObject({ title: 'New title', episode: doc.metadata.episode, description: doc.metadata.description });
    expect(back.doc.cues.map((c) => c.text)).toEqual(doc.cues.map((c) => c.text));
  });

  it('without the stored layout, writes a transcript that reads back the same turns and header fields', () => {
    const { doc } = parseTranscript(sample);
    const back = parseTranscript(exportDocument(doc, { format: 'txt' }).text);
    expect(back.problems).toEqual([]);
    expect(back.doc.cues).toEqual(doc.cues);
    expect(back.doc.chapters).toEqual(doc.chapters);
    expect(back.doc.metadata).toEqual(doc.metadata);
  });
});
