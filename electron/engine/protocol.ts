/**
 * The typed messages between a host (the Electron main process, or the browser-mode server)
 * and the engine worker. Main sees only these: requests go in, results and events come out;
 * rows never cross into main.
 */
import type { Channel, EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';

/** What the engine needs to know when it starts. */
export interface EngineConfig {
  /** The folder the workbench keeps its projects, uploads and training data in. */
  readonly dataDir: string;
  /** Which front the engine serves. */
  readonly mode: 'electron' | 'browser';
  readonly version: string;
}

/** Host -> engine. */
export type EngineRequest =
  | {
      readonly kind: 'call';
      readonly id: number;
      readonly channel: Channel;
      readonly input: unknown;
    }
  /** Host-only: lets the UI use a file the host received (dialog, drop, upload). */
  | {
      readonly kind: 'register-file';
      readonly id: number;
      readonly path: string;
      readonly name: string;
    }
  /** Host-only: where a file the engine wrote for the UI (a download) is, to hand it over. */
  | { readonly kind: 'resolve-download'; readonly id: number; readonly downloadId: string }
  /** Host-only, for the packaged app's self-test: re-checks a package the engine wrote. */
  | { readonly kind: 'verify-package'; readonly id: number; readonly path: string };

/** What `verify-package` found: whether every check held, and each mismatch in Chinese. */
export interface PackageVerification {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** A file the engine wrote for the clerk to save (the error workbook). */
export interface Download {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

/** Engine -> host. */
export type EngineMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'event'; readonly event: EventName; readonly payload: EventPayload<EventName> }
  | {
      readonly kind: 'crash';
      readonly id?: number;
      readonly message: string;
      readonly stack?: string;
    };
