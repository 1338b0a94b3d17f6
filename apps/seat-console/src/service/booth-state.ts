// The console's idea of each booth's state (docs/design.md §1, "The console's service"): only what
// the booth itself confirmed, in a message the console took. Asking a booth to open does not make it
// free; its `opened` does.
import type { BoothMessage, BoothState } from '@seggio/link';

export function confirmedState(previous: BoothState, said: BoothMessage): BoothState {
  switch (said.type) {
    case 'hello':
      return said.state;
    case 'zero-report':
      return 'ready';
    case 'opened':
      return 'idle';
    case 'session-started':
      return 'in-session';
    case 'cast':
    case 'cancelled':
      // A booth closing with a voter inside ends the session before it seals.
      return previous === 'closed' ? 'closed' : 'idle';
    case 'seal':
      return 'closed';
    case 'out-of-service':
      return 'out-of-service';
    case 'refused':
    case 'devices':
    case 'attention':
    case 'ballots':
    case 'log':
      return previous;
    default: {
      const never: never = said;
      return never;
    }
  }
}
