@echo off
rem UTF-8, so the server's Russian messages read right in this window.
chcp 65001 >nul
rem Ceremony Control on a Windows laptop: runs the server and starts it again whenever it exits
rem with an error (a fatal error exits with code 1, see control-server\src\main.ts). A clean stop
rem (Ctrl+C, then "N" to the question about the batch job) exits 0 and ends this window too.
rem Double-click it from the repository folder after "npm ci" and "npm run build", or put a
rem shortcut to it in shell:startup to start with the laptop.
cd /d "%~dp0\..\.."
if "%DATA_DIR%"=="" set DATA_DIR=%~dp0\..\..\data
:run
node control-server\dist\main.js
if %ERRORLEVEL%==0 goto :end
echo.
echo Сервер остановился с ошибкой (код %ERRORLEVEL%): перезапуск через 2 секунды...
timeout /t 2 /nobreak >nul
goto :run
:end
