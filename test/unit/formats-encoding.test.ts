import { describe, expect, it } from 'vitest';
import { canonicalEncoding, decodeText, guessUtf32, sniffBom } from '../../src/shared/encoding';
import { exportEncoding } from '../../src/shared/formats/export';
import { FormatError } from '../../src/shared/formats/registry';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
function utf16(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  if (order === 'be') le.swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array([...(bom ? mark : []), ...le]);
}

describe('decodeText', () => {
  const text = '1\n00:00:01,000 --> 00:00:02,000\n你好 Hello 😀\n';

  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: 'UTF-8 with BOM' });
  });

  it('reads UTF-16 in both byte orders, by BOM or by its zero bytes', () => {
    expect(decodeText(utf16(text, 'le', true))).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeText(utf16(text, 'be', true))).toEqual({ text, encoding: 'UTF-16BE' });
    expect(decodeText(utf16(text, 'le', false))).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeText(utf16(text, 'be', false))).toEqual({ text, encoding: 'UTF-16BE' });
  });

  it('names the line of the first byte that is not UTF-8', () => {
    const gbk = new Uint8Array([...utf8('line one\nline two\n'), 0xc4, 0xe3, 0xba, 0xc3, 0x0a]); // 你好 in GBK
    try {
      decodeText(gbk);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).line).toBe(3);
      expect((e as FormatError).message).toContain('byte 18');
    }
  });

  it('rejects overlong forms and surrogates like the decoder does', () => {
    expect(() => decodeText(new Uint8Array([0x41, 0xc0, 0xaf]))).toThrow(/byte 1/);
    expect(() => decodeText(new Uint8Array([0x0a, 0xed, 0xa0, 0x80]))).toThrow(FormatError);
  });
});


function utf32(s: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const points = [...(bom ? [0xfeff] : []), ...[...s].map((c) => c.codePointAt(0)!)];
  const out = new Uint8Array(points.length * 4);
  const view = new DataView(out.buffer);
  points.forEach((p, i) => view.setUint32(i * 4, p, order === 'le'));
  return out;
}

describe('UTF-32 and the byte-order marks', () => {
  const text = '1\n00:00:01,000 --> 00:00:02,000\n萨姆·奥尔特曼 😀\n';

  it('reads UTF-32 by its BOM, not as UTF-16 (FF FE 00 00 starts both)', () => {
    expect(decodeText(utf32(text, 'le', true))).toEqual({ text, encoding: 'UTF-32LE' });
    expect(decodeText(utf32(text, 'be', true))).toEqual({ text, encoding: 'UTF-32BE' });
  });

  it('reads BOM-less UTF-32 by its zero bytes', () => {
    expect(guessUtf32(utf32(text, 'le', false))).toBe('UTF-32LE');
    expect(decodeText(utf32(text, 'be', false))).toEqual({ text, encoding: 'UTF-32BE' });
    expect(guessUtf32(utf16(text, 'le', false))).toBeNull();
  });

  it('refuses a UTF-32 unit that is not a character, naming its line', () => {
    const bad = utf32('a\nb\nc', 'le', true);
    new DataView(bad.buffer).setUint32(bad.length - 4, 0x110000, true);
    expect(() => decodeText(bad)).toThrow(FormatError);
    try {
      decodeText(bad);
    } catch (e) {
      expect((e as FormatError).line).toBe(3);
    }
  });

  it('sniffs each BOM with its length', () => {
    expect(sniffBom(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toEqual({ encoding: 'UTF-32LE', length: 4 });
    expect(sniffBom(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'UTF-16LE', length: 2 });
    expect(sniffBom(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ encoding: 'UTF-8 with BOM', length: 3 });
    expect(sniffBom(new Uint8Array([0x31, 0x0a]))).toBeNull();
  });
});

describe('encoding names', () => {
  it('names every spelling as users know it; GBK and GB2312 are read as GB18030', () => {
    expect(canonicalEncoding('gbk')).toBe('GB18030');
    expect(canonicalEncoding('GB2312')).toBe('GB18030');
    expect(canonicalEncoding('big5')).toBe('Big5');
    expect(canonicalEncoding('shift_jis')).toBe('Shift_JIS');
    expect(canonicalEncoding('utf8')).toBe('UTF-8');
    expect(canonicalEncoding('Windows-1252')).toBe('windows-1252');
    expect(canonicalEncoding('klingon')).toBeNull();
  });

  it('writes legacy encodings only where the format allows them', () => {
    expect(exportEncoding('srt', 'GB18030')).toBe('GB18030');
    expect(exportEncoding('srt', 'GB18030', 'UTF-8')).toBe('UTF-8');
    expect(exportEncoding('vtt', 'GB18030')).toBe('UTF-8');
    expect(exportEncoding('duosub', 'Big5')).toBe('UTF-8');
    expect(exportEncoding('txt', undefined)).toBe('UTF-8');
  });
});
