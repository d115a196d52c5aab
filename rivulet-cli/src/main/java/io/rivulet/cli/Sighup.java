package io.rivulet.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP as "reload the TLS certificate", as web servers do. The JVM would otherwise run its
 * shutdown hooks on SIGHUP. Java has no public signal API: this reaches {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}, exported to every class path application) by reflection, as
 * compiling against it directly is a warning that {@code -Werror} turns into an error; where it is
 * missing, SIGHUP keeps the JVM's meaning and the periodic file check still reloads. Thread-safe.
 */
final class Sighup {
  private static final Logger LOG = LoggerFactory.getLogger(Sighup.class);

  private Sighup() {}

  /** Runs {@code reload} (on the JVM's signal thread) on every SIGHUP. */
  static void onSignal(BooleanSupplier reload) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler call =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              LOG.info("SIGHUP: reloading the TLS certificate");
              try {
                reload.getAsBoolean();
              } catch (RuntimeException e) {
                LOG.error("reloading the TLS certificate failed", e);
              }
              return null;
            }
            return defaultAnswer(proxy, method, args);
          };
      Object proxy = Proxy.newProxyInstance(Sighup.class.getClassLoader(), new Class<?>[] {handler}, call);
      Object hup = signal.getConstructor(String.class).newInstance("HUP");
      signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.warn("SIGHUP cannot reload the TLS certificate here ({}); the file check still does", e.toString());
    }
  }

  private static Object defaultAnswer(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> "SIGHUP: reload TLS";
      default -> null;
    };
  }
}
