@echo off
rem steward: the command line of the installed workbench, run by the app itself
rem (its own Node, no window). Exit codes: 0 ok, 1 data problems, 2 refused input, 3 a bug.
rem Chinese output is readable in a GBK (936) console; see electron/cli/console-code-page.ts.
setlocal
"%~dp0data-steward-workbench.exe" --steward %*
exit /b %ERRORLEVEL%
