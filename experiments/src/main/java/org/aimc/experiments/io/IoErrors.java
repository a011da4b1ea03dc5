package org.aimc.experiments.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Says what an I/O failure was, in words: Java's file-system exceptions often carry only a path as
 * their message ("/proc/aimcrun") and write errors only a reason ("No space left on device").
 */
public final class IoErrors {
  private IoErrors() {}

  /** The file the exception names (if any) and the reason, e.g. "/proc/aimcrun: permission denied". */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      String why = f.getReason();
      if (why == null || why.isBlank()) {
        if (f instanceof AccessDeniedException) why = "permission denied";
        else if (f instanceof NoSuchFileException) why = "no such file or directory";
        else if (f instanceof FileAlreadyExistsException) why = "already exists (and is not a folder)";
        else if (f instanceof NotDirectoryException) why = "not a directory";
        else if (f instanceof DirectoryNotEmptyException) why = "directory not empty";
        else why = f.getClass().getSimpleName();
      }
      String file = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
      return file + why;
    }
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }

  /** As {@link #reason(IOException)} for any failure of a file operation (also {@link ReadOnlyFileSystemException}). */
  public static String reason(Throwable t) {
    if (t instanceof IOException io) return reason(io);
    if (t instanceof ReadOnlyFileSystemException) return "read-only file system";
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
