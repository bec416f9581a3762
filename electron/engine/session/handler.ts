/**
 * What every handler group shares: the handler type, the one map of channels to handlers, the
 * write-gate wrapper, and the rule context and actor a change is made with.
 */
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import { type Result } from '../../../shared/result.ts';
import { todayIso } from '../today.ts';
import type { EngineSession } from './engine-session.ts';
import type { GateHolder } from './write-gate.ts';

/** What the engine does for one channel: a Result, never a throw for bad input. */
export type Handler<C extends Channel> = (
  input: ChannelInput<C>,
  session: EngineSession,
) => Promise<Result<ChannelOutput<C>>>;

/**
 * A handler whose work changes the project (or which project is open): it waits its turn at the
 * session's write gate, so it never runs while an import or another change is under way.
 */
export function writing<C extends Channel>(what: GateHolder, handler: Handler<C>): Handler<C> {
  return (input, session) => session.writes.run(what, () => handler(input, session));
}

/** One handler per channel. */
export type EngineHandlers = { readonly [C in Channel]: Handler<C> };

/** The rule context of a check run now: today's date, for the date rules. */
export const ruleContext = (): { today: string } => ({ today: todayIso() });

/** Who-and-why of an operation from a channel's input (the clerk's reason, when given). */
export function actor(input: { why?: string | undefined }): { why?: string } {
  return input.why === undefined ? {} : { why: input.why };
}
