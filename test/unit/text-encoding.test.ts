/**
 * Legacy encodings: detection, decoding and refusing to write what an encoding cannot hold. Fixtures made with iconv-lite.
 * The bin reading a GBK file (a Node start) is in test/process/cli-encoding.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes, encodeText, ENCODINGS_OFFERED, isKnownEncoding, UnencodableError,
} from '../../src/node/files/text-encoding';
import { FormatError } from '../../src/shared/formats/errors';
import { readInput, writeOutput } from '../../src/cli/files';
import { createApi, createServices } from '../../src/node/api/api';
import { dialoglessPlatform } from '../support/main-fixtures';
import type { DocumentState, EncodingPreview, ExportResult } from '../../src/shared/api';
import { encodingOptions, encodingValue, SOURCE, withEncoding } from '../../src/renderer/src/export/export-encodings';

/** One cue per line of text, as a Windows tool would save them. */
function srt(...texts: string[]): string {
  return texts.map((t, i) => `${i + 1}\r\n00:00:0${i},000 --> 00:00:0${i + 1},500\r\n${t}\r\n`).join('\r\n');
}
const bytes = (text: string, codec: string) => new Uint8Array(iconv.encode(text, codec));

describe('decodeBytes: legacy Chinese, short files', () => {
  // Short cues are where detectors fail: chardet alone names "你好，世界" in GBK ISO-8859-7.
  const simplified = [
    srt('你好，世界'),
    srt('是的'),
    srt('萨姆·奥尔特曼谈芯片', '我们需要更多的算力。'),
    srt('“引号”——测试'),
    srt('我们需要更多的芯片。\r\nWe need more chips.'),
  ];
  const traditional = [
    srt('你好，世界'),
    srt('是的'),
    srt('我們需要更多的晶片。\r\nWe need more chips.'),
    srt('今天天氣很好，我們去公園散步吧。', '這部電影講述了一個關於友誼的故事。'),
    srt('「引號」——測試'),
  ];

  it.each(simplified)('reads GBK as GB18030: %j', (text) => {
    expect(decodeBytes(bytes(text, 'gbk'))).toMatchObject({ text, encoding: 'GB18030' });
  });

  it.each(simplified)('reads GB18030: %j', (text) => {
    expect(decodeBytes(bytes(text, 'gb18030'))).toMatchObject({ text, encoding: 'GB18030' });
  });

  it.each(traditional)('reads Big5, not GBK: %j', (text) => {
    expect(decodeBytes(bytes(text, 'cp950'))).toMatchObject({ text, encoding: 'Big5' });
  });

  it('reads GB18030 four-byte characters (emoji, extension B)', () => {
    const text = srt('芯片 😀 𠀀 萨姆');
    expect(decodeBytes(bytes(text, 'gb18030'))).toMatchObject({ text, encoding: 'GB18030' });
  });

  it('reports how sure it is', () => {
    const { confidence } = decodeBytes(bytes(simplified[2], 'gbk'));
    expect(confidence).toBeGreaterThan(0.5);
    expect(confidence).toBeLessThanOrEqual(1);
  });
});

describe('decodeBytes: other encodings', () => {
  it('reads Shift_JIS, EUC-KR and windows-125x', () => {
    const japanese = srt('こんにちは、世界。', '今日はいい天気ですね。');
    const korean = srt('안녕하세요, 세계.', '오늘은 날씨가 좋네요.');
    const french = srt('Ça va très bien, merci.', 'Où est la gare ?');
    const russian = srt('Привет, мир!', 'Как дела?');
    expect(decodeBytes(bytes(japanese, 'shift_jis'))).toMatchObject({ text: japanese, encoding: 'Shift_JIS' });
    expect(decodeBytes(bytes(korean, 'euc-kr'))).toMatchObject({ text: korean, encoding: 'EUC-KR' });
    expect(decodeBytes(bytes(french, 'windows-1252'))).toMatchObject({ text: french, encoding: 'windows-1252' });
    expect(decodeBytes(bytes(russian, 'windows-1251'))).toMatchObject({ text: russian, encoding: 'windows-1251' });
  });

  it('reads the Unicode encodings by their BOM or zero bytes, UTF-32 never as UTF-16', () => {
    const text = srt('萨姆·奥尔特曼 Sam Altman 😀');
    expect(decodeBytes(new Uint8Array(Buffer.from(text)))).toEqual({ text, encoding: 'UTF-8', confidence: 1 });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf8'))).toMatchObject({ text, encoding: 'UTF-8 with BOM' });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf-16le'))).toMatchObject({ text, encoding: 'UTF-16LE' });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf-16be'))).toMatchObject({ text, encoding: 'UTF-16BE' });
    expect(decodeBytes(bytes(text, 'utf-16le'))).toMatchObject({ text, encoding: 'UTF-16LE' });
    expect(decodeBytes(bytes(text, 'utf-16be'))).toMatchObject({ text, encoding: 'UTF-16BE' });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf-32le'))).toMatchObject({ text, encoding: 'UTF-32LE' });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf-32be'))).toMatchObject({ text, encoding: 'UTF-32BE' });
  });

  it('decodes with a forced encoding, any spelling', () => {
    const text = srt('我們需要更多的晶片。');
    expect(decodeBytes(bytes(text, 'cp950'), 'big5')).toEqual({ text, encoding: 'Big5', confidence: 1 });
    expect(decodeBytes(bytes(text, 'gbk'), 'GBK')).toMatchObject({ text, encoding: 'GB18030' });
    expect(() => decodeBytes(bytes(text, 'gbk'), 'klingon')).toThrow(/unknown encoding/);
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf8'), 'UTF-8')).toEqual({ text, encoding: 'UTF-8 with BOM', confidence: 1 });
    expect(decodeBytes(bytes('\uFEFF' + text, 'utf-16le'), 'UTF-16LE')).toMatchObject({ text });
  });
});

describe('decodeBytes: bad bytes', () => {
  function lineOf(work: () => unknown): number {
    try {
      work();
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
      return (error as FormatError).line;
    }
    throw new Error('expected a FormatError');
  }

  it('names the line where a mostly UTF-8 file has a stray byte', () => {
    const good = Buffer.from(srt('萨姆·奥尔特曼谈芯片', '我们需要更多的算力。', '“引号”——测试'));
    const mixed = Buffer.concat([good, Buffer.from('4\r\n00:00:05,000 --> 00:00:06,000\r\ncaf'), Buffer.from([0xe9]), Buffer.from('\r\n')]);
    expect(lineOf(() => decodeBytes(new Uint8Array(mixed)))).toBe(14);
  });

  it('names the line a forced encoding cannot decode', () => {
    // 0x81 0x0A is no Big5 character; the newline keeps the line count.
    const body = Buffer.concat([Buffer.from(bytes(srt('我們'), 'cp950')), Buffer.from([0x81, 0x0a])]);
    expect(lineOf(() => decodeBytes(new Uint8Array(body), 'Big5'))).toBe(4);
    expect(lineOf(() => decodeBytes(new Uint8Array(Buffer.from('a\nb\n\xff', 'latin1')), 'UTF-8'))).toBe(3);
  });

  it('refuses binary junk with one clear message', () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251; // every byte value, NULs included
    expect(() => decodeBytes(junk)).toThrow(/binary data, not a text file/);
    const nulHeavy = new Uint8Array([...Buffer.from('1\n00:00:01,000 --> 00:00:02,000\n你好'), ...new Uint8Array(200)]);
    expect(() => decodeBytes(nulHeavy)).toThrow(/binary data/);
  });
});

describe('encodeText', () => {
  it('writes each encoding back byte for byte', () => {
    const zh = srt('萨姆·奥尔特曼谈芯片 😀');
    expect(Buffer.from(encodeText(zh, 'GB18030')).equals(iconv.encode(zh, 'gb18030'))).toBe(true);
    const tw = srt('我們需要更多的晶片。');
    expect(Buffer.from(encodeText(tw, 'Big5')).equals(iconv.encode(tw, 'cp950'))).toBe(true);
    expect(Buffer.from(encodeText('é', 'windows-1252'))).toEqual(Buffer.from([0xe9]));
    expect([...encodeText('a', 'UTF-16LE')]).toEqual([0xff, 0xfe, 0x61, 0]);
    expect([...encodeText('a', 'UTF-8 with BOM')]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
    expect([...encodeText('a', 'UTF-8')]).toEqual([0x61]);
  });

  it('refuses a character the encoding cannot hold, naming it and where it is', () => {
    const cases = [['Hello 你好\n萨姆 😀', 'Big5', 9, '萨'], ['Hello 你好', 'windows-1252', 6, '你'], ['Hello 世界\n😀', 'Shift_JIS', 9, '😀']] as const;
    for (const [text, encoding, index, char] of cases) {
      try {
        encodeText(text, encoding);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UnencodableError);
        expect((error as UnencodableError).index).toBe(index);
        expect((error as UnencodableError).char).toBe(char);
        expect((error as UnencodableError).message).toContain(char);
        expect((error as UnencodableError).message).toContain(encoding);
      }
    }
  });

  it('writes a literal ? fine', () => {
    expect(Buffer.from(encodeText('好嗎?', 'Big5')).toString('latin1').endsWith('?')).toBe(true);
  });

  it('knows the offered encodings and their spellings', () => {
    for (const { name } of ENCODINGS_OFFERED) expect(isKnownEncoding(name)).toBe(true);
    expect(isKnownEncoding('gbk')).toBe(true);
    expect(isKnownEncoding('ebcdic')).toBe(false);
  });
});

describe('CLI files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duosub-encoding-'));

  it('reads a GBK file and writes it back in its own encoding', () => {
    const text = srt('萨姆·奥尔特曼谈芯片', '我们需要更多的算力。');
    const path = join(dir, 'talk.zh.srt');
    writeFileSync(path, iconv.encode(text, 'gbk'));
    expect(readInput(path)).toMatchObject({ text, encoding: 'GB18030' });
    const out = join(dir, 'out.srt');
    writeOutput(out, text, 'GB18030');
    expect(readFileSync(out).equals(iconv.encode(text, 'gb18030'))).toBe(true);
  });

  it('refuses to write an unencodable character, leaving no file', () => {
    const out = join(dir, 'big5.srt');
    expect(() => writeOutput(out, srt('好', '萨姆'), 'Big5')).toThrow(/“萨” \(U\+8428\) cannot be written in Big5/);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('the app: a GBK file opened, previewed in another encoding, re-opened, exported', () => {
  const platform = dialoglessPlatform();
  const dir = mkdtempSync(join(tmpdir(), 'duosub-encoding-app-'));
  const text = srt('萨姆·奥尔特曼谈芯片', '我们需要更多的算力。');
  const file = join(dir, 'talk.zh.srt');
  writeFileSync(file, iconv.encode(text, 'gbk'));

  async function open() {
    const services = createServices({ resourcesDir: resolve(import.meta.dirname, '../../resources'), cacheDir: join(dir, 'cache') });
    const api = createApi(services, platform, { file });
    const state = (await api.dispatch('session.initial', {})) as DocumentState;
    return { api, state };
  }

  it('shows the encoding it read and how sure it was', async () => {
    const { state } = await open();
    expect(state.encoding).toBe('GB18030');
    expect(state.encodingConfidence).toBeGreaterThan(0.5);
    expect(JSON.stringify(state.doc.cues.map((c) => c.text))).toContain('萨姆·奥尔特曼谈芯片');
  });

  it('previews the first lines in another encoding, saying when the file does not read in it', async () => {
    const { api, state } = await open();
    const big5 = (await api.dispatch('doc.encodingPreview', { docId: state.docId, encoding: 'Big5' })) as EncodingPreview;
    expect(big5.lines[0]).toBe('1');
    expect(big5.lines[2]).not.toContain('萨姆');
    const gb = (await api.dispatch('doc.encodingPreview', { docId: state.docId, encoding: 'gbk' })) as EncodingPreview;
    expect(gb).toMatchObject({ encoding: 'GB18030', error: null });
    expect(gb.lines.slice(0, 3)).toEqual(['1', '00:00:00,000 --> 00:00:01,500', '萨姆·奥尔特曼谈芯片']);
    const utf8 = (await api.dispatch('doc.encodingPreview', { docId: state.docId, encoding: 'UTF-8' })) as EncodingPreview;
    expect(utf8.error).toMatch(/^line 3: not UTF-8/);
    await expect(api.dispatch('doc.encodingPreview', { docId: state.docId, encoding: 'klingon' })).rejects.toThrow(/unknown encoding/);
  });

  it('re-opens in the chosen encoding as a new document', async () => {
    const { api, state } = await open();
    const again = (await api.dispatch('doc.reopenWithEncoding', { docId: state.docId, encoding: 'windows-1252' })) as DocumentState;
    expect(again.docId).not.toBe(state.docId);
    expect(again).toMatchObject({ encoding: 'windows-1252', encodingConfidence: 1, fileName: 'talk.zh.srt' });
    expect(JSON.stringify(again.doc.cues.map((c) => c.text))).not.toContain('萨姆');
    await expect(api.dispatch('doc.reopenWithEncoding', { docId: state.docId, encoding: 'UTF-8' })).rejects.toThrow(/talk\.zh\.srt:3: not UTF-8/);
  });

  it('exports in the source encoding by default, UTF-8 on request, WebVTT always UTF-8', async () => {
    const { api, state } = await open();
    const srtOut = (await api.dispatch('doc.export', { docId: state.docId, format: 'srt' })) as ExportResult;
    expect(srtOut.encoding).toBe('GB18030');
    expect(iconv.decode(Buffer.from(srtOut.base64!, 'base64'), 'gb18030')).toBe(srtOut.text);
    expect(srtOut.text).toContain('萨姆·奥尔特曼谈芯片');
    const utf8 = (await api.dispatch('doc.export', { docId: state.docId, format: 'srt', encoding: 'UTF-8' })) as ExportResult;
    expect(utf8.encoding).toBe('UTF-8');
    expect(utf8.base64).toBeUndefined();
    const vtt = (await api.dispatch('doc.export', { docId: state.docId, format: 'vtt' })) as ExportResult;
    expect(vtt.encoding).toBe('UTF-8');
    expect(vtt.base64).toBeUndefined();
  });

  it('refuses, naming the cue, language and character, when the encoding cannot hold it', async () => {
    const { api, state } = await open();
    const [first, second] = state.doc.cues;
    const lang = state.doc.languages[0].code;
    const setText = (cueId: string, text: string) => api.dispatch('doc.apply', { docId: state.docId, op: { type: 'setText', cueId, lang, text } });
    await setText(first.id, '你好');
    await setText(second.id, '你好 萨姆 😀');
    const big5 = (await api.dispatch('doc.export', { docId: state.docId, format: 'srt', encoding: 'Big5' })) as ExportResult;
    expect(big5.base64).toBeUndefined();
    expect(big5.unencodable).toMatchObject({ cue: 2, lang, char: '萨', encoding: 'Big5' });
    expect(big5.unencodable!.message).toBe(`Cue 2 (${lang}): “萨” (U+8428) cannot be written in Big5; export as UTF-8 to keep it`);
    const gb = (await api.dispatch('doc.export', { docId: state.docId, format: 'srt' })) as ExportResult;
    expect(gb.unencodable).toBeUndefined(); // GB18030 holds every character, emoji included
    const latin = (await api.dispatch('doc.export', { docId: state.docId, format: 'srt', encoding: 'windows-1252' })) as ExportResult;
    expect(latin.unencodable).toMatchObject({ cue: 1, char: '你' });
  });
});

describe('the export dialog’s encoding list', () => {
  const choice = { format: 'srt' as const, lang: 'zh', first: 'zh', bom: false, lineEnding: 'lf' as const };

  it('offers the source encoding first where the format can be written in it', () => {
    const srtList = encodingOptions('srt', 'GB18030');
    expect(srtList.slice(0, 3).map((o) => o.value)).toEqual([SOURCE, 'UTF-8', 'UTF-8 with BOM']);
    expect(srtList[0].label).toContain('GB18030');
    expect(srtList.map((o) => o.value)).toContain('Big5');
    expect(encodingValue(choice, srtList)).toBe(SOURCE);
    expect(encodingOptions('vtt', 'GB18030').map((o) => o.value)).toEqual(['UTF-8', 'UTF-8 with BOM']);
    expect(encodingOptions('srt', 'UTF-8 with BOM')[0].value).toBe('UTF-8 with BOM');
  });

  it('turns a pick into the request’s encoding', () => {
    expect(withEncoding(SOURCE)).toEqual({ encoding: undefined, bom: false });
    expect(withEncoding('UTF-8 with BOM')).toEqual({ encoding: 'UTF-8 with BOM', bom: true });
    expect(encodingValue({ ...choice, encoding: 'Big5' }, encodingOptions('vtt', 'GB18030'))).toBe('UTF-8');
  });
});
