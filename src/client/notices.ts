// The notices under the header: how many stay, how a repeat replaces its twin, and which level
// a worker error gets.

import type { ClientState, Notice } from './clientTypes';
import type { ErrorCode } from '../shared/protocol';

/** Notices kept on screen at once; older ones drop off first. */
export const MAX_NOTICES = 5;

/** Adds a notice; an identical message already showing is replaced rather than repeated. */
export function withNotice(state: ClientState, notice: Notice): ClientState {
  const others = state.notices.filter((n) => n.message !== notice.message || n.code !== notice.code);
  return { ...state, notices: [...others, notice].slice(-MAX_NOTICES) };
}

export function noticeLevel(code: ErrorCode, recoverable: boolean): Notice['level'] {
  if (code === 'nan') return 'warning';
  return recoverable ? 'warning' : 'error';
}
