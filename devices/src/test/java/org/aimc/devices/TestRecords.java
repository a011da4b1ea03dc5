package org.aimc.devices;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** Test helper: a copy of a record with one or more components replaced (by name). */
final class TestRecords {
  private TestRecords() {}

  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R r, Object... nameValue) {
    RecordComponent[] comps = r.getClass().getRecordComponents();
    Object[] args = new Object[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) args[i] = comps[i].getAccessor().invoke(r);
      for (int k = 0; k < nameValue.length; k += 2) {
        String name = (String) nameValue[k];
        int idx = -1;
        for (int i = 0; i < comps.length; i++) if (comps[i].getName().equals(name)) idx = i;
        if (idx < 0) throw new AssertionError("no component " + name);
        args[idx] = nameValue[k + 1];
      }
      Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<?> c = r.getClass().getDeclaredConstructor(types);
      return (R) c.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new AssertionError(e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
