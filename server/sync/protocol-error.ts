import { CloseCode } from '../../lib/protocol';

/** A message we refuse: the socket that sent it is closed with `code`, nobody else is affected. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code: number = CloseCode.BadMessage,
  ) {
    super(message);
  }
}
