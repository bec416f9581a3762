/**
 * The one way a handler reaches the open project: `withProject` answers "no project is open"
 * for it, so each handler's body starts with the project in hand.
 */
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/result.ts';
import type { EngineSession, OpenProject } from './engine-session.ts';
import type { Handler } from './handler.ts';

/** A handler that needs the open project: it runs with it, or answers that none is open. */
export function withProject<C extends Channel>(
  handler: (
    input: ChannelInput<C>,
    project: OpenProject,
    session: EngineSession,
  ) => Promise<Result<ChannelOutput<C>>>,
): Handler<C> {
  return async (input, session) => {
    const project = session.requireProject();
    if (!project.ok) return project;
    return handler(input, project.value, session);
  };
}
