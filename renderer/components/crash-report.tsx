import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * A bug in the UI is shown as a crash report, never a blank window: what happened in plain
 * words, that the project is safe (the engine saves after every operation), and a reload. The
 * stack goes to the log, not to the clerk.
 */
export class CrashReport extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('UI crash', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <div className="crash-report" role="alert">
        <h1>程序出现错误 / Something went wrong</h1>
        <p>
          界面遇到了一个程序错误。项目在每次操作后都已自动保存，重新加载后可以继续工作。
          <br />
          The window hit a bug. Your project was saved after every operation; reload to go on.
        </p>
        <p className="mono muted">{error.message}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          重新加载 / Reload
        </button>
      </div>
    );
  }
}
