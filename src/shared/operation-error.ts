/** An operation that cannot apply to this document (a cue or language it does not have): the caller's to fix. */
export class OperationError extends Error {}
