/** One error envelope for both transports, and one list of menu commands (issue 14). */
import { describe, expect, it } from 'vitest';
import { ApiError, errorFromWire, isMenuCommand, MENU_COMMANDS, wireError } from '../../../src/shared/api';
import { requestError } from '../../../src/renderer/src/transport/browser';

describe('the error envelope', () => {
  it('carries an ApiError\'s code and message, and "failed" for any other error', () => {
    expect(wireError(new ApiError('conflict', 'changed on disk'))).toEqual({ code: 'conflict', message: 'changed on disk' });
    expect(wireError(new TypeError('boom'))).toEqual({ code: 'failed', message: 'boom' });
    expect(wireError('plain')).toEqual({ code: 'failed', message: 'plain' });
  });

  it('comes back to the renderer as an Error with the code (the save dialogs branch on conflict and exists)', () => {
    for (const toError of [errorFromWire, requestError]) {
      const error = toError(wireError(new ApiError('exists', 'kept.duosub.json already exists')));
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe('exists');
      expect(error.message).toBe('kept.duosub.json already exists');
    }
  });
});

describe('menu commands', () => {
  it('are one list that the preload checks what main sends against', () => {
    expect(MENU_COMMANDS).toContain('history');
    expect(MENU_COMMANDS).toContain('togglePin');
    expect(isMenuCommand('undo')).toBe(true);
    expect(isMenuCommand('quit')).toBe(false);
    expect(isMenuCommand(7)).toBe(false);
  });
});
