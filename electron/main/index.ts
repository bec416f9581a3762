/** The Electron entry point: the app, or its self-test (`--self-test <report.json>`). */
import { app } from 'electron';
import { startApp } from './main.ts';
import { runSelfTest } from './self-test.ts';
import { selfTestReportPath } from './self-test-report.ts';

const reportPath = selfTestReportPath(process.argv.slice(1));
if (reportPath === undefined) void startApp();
else
  void runSelfTest(reportPath).then(
    (code) => app.exit(code),
    (error: unknown) => {
      // A bug in the self-test itself: say so and exit 3, never hang.
      console.error('self-test crashed', error);
      app.exit(3);
    },
  );
