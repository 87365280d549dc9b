// Errors a user caused (bad argument, no permission) carry the Chinese text to answer with;
// everything else is a bug and is answered generically by the router.
export type UserErrorCode =
  | 'bad_args'
  | 'forbidden'
  | 'not_found'
  | 'unknown_user'
  | 'conflict';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = 'UserError';
  }
}
