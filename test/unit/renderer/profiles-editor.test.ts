import { describe, expect, it } from 'vitest';
import { profileIdFor } from '../../../src/renderer/src/settings/ProfilesEditor';

describe('profileIdFor', () => {
  it('makes a valid, unique id from a name', () => {
    expect(profileIdFor('Client A — 17 cps', [])).toBe('custom-client-a-17-cps');
    expect(profileIdFor('Client A', ['custom-client-a'])).toBe('custom-client-a-2');
    expect(profileIdFor('中文', [])).toBe('custom-profile');
  });
});
