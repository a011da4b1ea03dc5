package org.aimc.devices;

/**
 * A device parameter or argument outside its allowed range. Callers catch only
 * {@link IllegalArgumentException}; this subclass exists so that messages are made in one place.
 */
final class DeviceParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  DeviceParameterException(String message) {
    super(message);
  }
}
