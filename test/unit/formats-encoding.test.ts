import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/shared/encoding';
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
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 in both byte orders, by BOM or by its zero bytes', () => {
    expect(decodeText(utf16(text, 'le', true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16(text, 'be', true))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeText(utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(utf16(text, 'be', false))).toEqual({ text, encoding: 'utf-16be' });
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
