package org.aimc.datasets;

import java.nio.file.Path;

/**
 * A data file is missing, malformed or fails its checksum. The message names the file, says what is
 * wrong and gives the command that fetches it again. An {@link IllegalArgumentException}, so the
 * command line reports it as bad input (exit code 2): the user fixes it by fetching again.
 */
public final class DataFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String fetchCommand;

  /**
   * @param file the file at fault
   * @param problem what is wrong, e.g. "truncated: 100 bytes, expected 116"
   * @param fetchCommand the command that fetches or regenerates it, e.g. "aimc data fetch mnist"
   */
  public DataFileException(Path file, String problem, String fetchCommand) {
    super(file + ": " + problem + "; fetch it again with: " + fetchCommand);
    this.file = file;
    this.fetchCommand = fetchCommand;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** The command that fetches or regenerates the file, e.g. {@code aimc data fetch mnist}. */
  public String fetchCommand() {
    return fetchCommand;
  }
}
