/**
 * The find bar's matching, in a Web Worker so that a user's runaway regex (`(a+)+$`) freezes this worker, not the
 * page: the page terminates it when it runs over its budget (./cue-search.ts). Given the compiled pattern's source
 * and flags and the texts of one language, answers the indexes of the texts that match.
 */
import type { MatchAnswer, MatchRequest } from './cue-search';

self.onmessage = (event: MessageEvent<MatchRequest>) => {
  const { id, source, flags, texts } = event.data;
  const re = new RegExp(source, flags);
  const hits: number[] = [];
  texts.forEach((text, i) => {
    re.lastIndex = 0;
    if (re.test(text)) hits.push(i);
  });
  self.postMessage({ id, hits } satisfies MatchAnswer);
};
