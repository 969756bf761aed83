@echo off
rem eeprom for Windows, from the release archive: runs lib\eeprom.jar with %JAVA_HOME%\bin\java.exe, or the java
rem on the PATH (Java 17 or later), with the POSIX launcher's flags (bin/eeprom), without a start-up archive.
rem Labels, not parenthesized blocks: a JAVA_HOME such as C:\Program Files (x86)\... would end a block early.
setlocal
set "EEPROM_JAR=%~dp0..\lib\eeprom.jar"
set "EEPROM_JAVA=java"
if not defined JAVA_HOME goto path
set "EEPROM_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%EEPROM_JAVA%" goto run
echo eeprom: JAVA_HOME is %JAVA_HOME%, which has no bin\java.exe: set it to a Java 17 or later, or unset it 1>&2
exit /b 1
:path
where java >nul 2>nul
if not errorlevel 1 goto run
echo eeprom: no Java found: install Java 17 or later, or set JAVA_HOME 1>&2
exit /b 1
:run
"%EEPROM_JAVA%" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -XX:+UseSerialGC -cp "%EEPROM_JAR%" io.github.pieeprom.cli.EepromCli %*
exit /b %ERRORLEVEL%
