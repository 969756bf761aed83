/**
 * The {@code eeprom} command: {@code EepromCli} (main) and one class per subcommand, each parsing its options,
 * calling the library and printing the result. Only this package reads the environment, the wall clock and the console;
 * exit codes are 0 (success), 1 (bad input) and 2 (usage).
 */
package io.github.pieeprom.cli;
