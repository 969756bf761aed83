@echo off
rem eeprom for Windows, from the release archive: runs lib\eeprom.jar with %JAVA_HOME%\bin\java.exe, or the java
rem on the PATH (Java 17 or later). The start-up archive and its flags are the POSIX launcher's (bin/eeprom).
setlocal
set "EEPROM_JAR=%~dp0..\lib\eeprom.jar"
if defined JAVA_HOME (
  if not exist "%JAVA_HOME%\bin\java.exe" (
    echo eeprom: JAVA_HOME is %JAVA_HOME%, which has no bin\java.exe: set it to a Java 17 or later, or unset it 1>&2
    exit /b 1
  )
  set "EEPROM_JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  where java >nul 2>nul || (
    echo eeprom: no Java found: install Java 17 or later, or set JAVA_HOME 1>&2
    exit /b 1
  )
  set "EEPROM_JAVA=java"
)
"%EEPROM_JAVA%" -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -XX:+UseSerialGC -cp "%EEPROM_JAR%" io.github.pieeprom.cli.EepromCli %*
exit /b %ERRORLEVEL%
